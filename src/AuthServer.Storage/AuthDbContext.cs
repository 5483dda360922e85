using AuthServer.Storage.Admin;
using AuthServer.Storage.Keys;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage;

/// <summary>
/// The one store of AuthServer: OpenIddict's entities, the Data Protection key ring, the signing and
/// encryption keys, and the admin console's accounts and audit trail. Its schema changes only through migrations.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredKey> Keys => Set<StoredKey>();

    public DbSet<AdminAccount> AdminAccounts => Set<AdminAccount>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

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
        builder.Entity<AdminAccount>(account =>
        {
            account.ToTable("AdminAccounts");
            account.Property(a => a.Name).HasMaxLength(64);
            account.HasIndex(a => a.Name).IsUnique();
            account.Property(a => a.PasswordHash).HasMaxLength(512);
            account.Property(a => a.SecurityStamp).HasMaxLength(64);
        });
        builder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("AuditEvents");
            audit.Property(a => a.Actor).HasMaxLength(100);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.ClientId).HasMaxLength(100);
            audit.Property(a => a.KeyId).HasMaxLength(64);
            audit.Property(a => a.Detail).HasMaxLength(1000);
            // The Activity page: newest first, all of them or one client's.
            audit.HasIndex(a => a.TimeUtc);
            audit.HasIndex(a => new { a.ClientId, a.TimeUtc });
        });
    }
}
