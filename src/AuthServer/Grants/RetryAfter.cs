using OpenIddict.Server;

namespace AuthServer.Grants;

/// <summary>Carries a Retry-After hint from the Bubble validator to the token response.</summary>
public static class RetryAfter
{
    private const string Property = "authserver:retry_after";

    public static void Set(OpenIddictServerTransaction transaction, TimeSpan delay) =>
        transaction.SetProperty(Property, new Hint(delay));

    public static TimeSpan? Get(OpenIddictServerTransaction transaction) =>
        transaction.GetProperty<Hint>(Property)?.Delay;

    private sealed record Hint(TimeSpan Delay);
}
