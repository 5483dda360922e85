using AuthServer.Storage.Admin;
using AuthServer.Storage.Clients;
using AuthServer.Storage.Keys;
using AuthServer.Storage.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage;

/// <summary>
/// The one store of AuthServer: OpenIddict's entities, the Data Protection key ring, the signing and
/// encryption keys, the admin console's accounts and audit trail, the Bubble users' sessions, and clients' rotating secrets. Its schema changes only through migrations.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredKey> Keys => Set<StoredKey>();

    public DbSet<AdminAccount> AdminAccounts => Set<AdminAccount>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<StoredClientSecret> ClientSecrets => Set<StoredClientSecret>();

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
            audit.Property(a => a.Actor).HasMaxLength(AuditRows.ActorLength);
            audit.Property(a => a.Action).HasMaxLength(AuditRows.ActionLength);
            audit.Property(a => a.ClientId).HasMaxLength(AuditRows.ClientIdLength);
            audit.Property(a => a.KeyId).HasMaxLength(AuditRows.KeyIdLength);
            audit.Property(a => a.Detail).HasMaxLength(AuditRows.DetailLength);
            // The Activity page: newest first, all of them or one client's.
            audit.HasIndex(a => a.TimeUtc);
            audit.HasIndex(a => new { a.ClientId, a.TimeUtc });
        });
        builder.Entity<UserSession>(session =>
        {
            session.ToTable("UserSessions");
            session.HasKey(s => s.AuthorizationId);
            session.Property(s => s.AuthorizationId).HasMaxLength(100);
            session.Property(s => s.ClientId).HasMaxLength(100);
            session.Property(s => s.BubbleAppUrl).HasMaxLength(300);
            session.Property(s => s.UserId).HasMaxLength(100);
            session.Property(s => s.Email).HasMaxLength(320);
            session.Property(s => s.ProtectedSubjectToken).HasMaxLength(8192);
            session.Ignore(s => s.LastRefreshedUtc);
            // Ending every session of one user of one app, and the console's search by id or email.
            session.HasIndex(s => new { s.BubbleAppUrl, s.UserId });
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.Email);
            // Pruning sessions past their end.
            session.HasIndex(s => s.EndsUtc);
        });
        builder.Entity<StoredClientSecret>(secret =>
        {
            secret.ToTable("ClientSecrets");
            // A client's secrets are read together, by client id, at each authentication the cache misses.
            secret.HasKey(s => new { s.ClientId, s.Id });
            secret.Property(s => s.ClientId).HasMaxLength(StoredClientSecret.ClientIdLength);
            secret.Property(s => s.Id).HasMaxLength(StoredClientSecret.IdLength);
            secret.Property(s => s.Hash).HasMaxLength(StoredClientSecret.HashLength);
        });
    }
}
