using AuthServer.Clients;

namespace AuthServer.Administration.Clients;

/// <summary>The answer to a client change: what was done, or the expected reason it was not.</summary>
public abstract record ClientOutcome;

/// <summary><see cref="GeneratedSecret"/> is shown once and never again; null when the caller chose the secret.</summary>
public sealed record ClientCreated(ClientSummary Client, string? GeneratedSecret, IReadOnlyList<string> Warnings) : ClientOutcome;

public sealed record ClientUpdated(ClientSummary Client, IReadOnlyList<string> Warnings) : ClientOutcome;

/// <summary><see cref="GeneratedSecret"/> is shown once and never again; null when the caller chose the secret.</summary>
public sealed record ClientSecretRotated(string ClientId, string? GeneratedSecret) : ClientOutcome;

public sealed record ClientDeleted(string ClientId) : ClientOutcome;

/// <summary>The client's public keys for private_key_jwt were replaced (how many keys; whether secrets are refused now).</summary>
public sealed record ClientKeysSet(string ClientId, int KeyCount, bool PrivateKeyJwtOnly) : ClientOutcome;

public sealed record ClientNotFound(string ClientId) : ClientOutcome;

public sealed record ClientAlreadyExists(string ClientId) : ClientOutcome;

/// <summary>Configuration declares the client; change it there (<see cref="Origin"/>), it applies at the next start.</summary>
public sealed record ClientDeclaredInConfiguration(string ClientId, ConfigurationOrigin Origin) : ClientOutcome;

/// <summary>The definition breaks the rules configuration and the CLI follow; each problem names its field.</summary>
public sealed record ClientInvalid(IReadOnlyList<string> Problems) : ClientOutcome;

/// <summary>
/// A client's secrets, newest first, never their values. A client that has only its original single secret shows it
/// as <see cref="ClientSecretAdministration.OriginalSecretId"/>, with no dates (they were never recorded).
/// </summary>
public sealed record ClientSecretList(string ClientId, IReadOnlyList<ClientSecretSummary> Secrets) : ClientOutcome;

/// <summary>
/// A secret added: <see cref="GeneratedSecret"/> is shown once and never again (null when the caller chose it).
/// <see cref="OthersExpireUtc"/> is when the client's other secrets stop working, when the addition retired them.
/// </summary>
public sealed record ClientSecretAdded(string ClientId, string SecretId, string? GeneratedSecret, DateTime? ExpiresUtc,
    DateTime? OthersExpireUtc) : ClientOutcome;

public sealed record ClientSecretRevoked(string ClientId, string SecretId) : ClientOutcome;

public sealed record ClientSecretNotFound(string ClientId, string SecretId) : ClientOutcome;
