using AuthServer.Storage.Keys;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage;

/// <summary>
/// The one store of AuthServer: OpenIddict's entities, the Data Protection key ring
/// and the signing and encryption keys. Its schema changes only through migrations.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredKey> Keys => Set<StoredKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<StoredKey>(key =>
        {
            key.ToTable("AuthKeys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Use).HasMaxLength(8);
            key.Property(k => k.Algorithm).HasMaxLength(16);
            key.Property(k => k.ConcurrencyToken).IsConcurrencyToken().HasMaxLength(64);
            // Two nodes racing to create the next key collide here, so exactly one wins.
            key.HasIndex(k => new { k.Use, k.Generation }).IsUnique();
        });
    }
}
