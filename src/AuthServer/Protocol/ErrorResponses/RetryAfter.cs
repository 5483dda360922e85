using OpenIddict.Server;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>Carries a Retry-After hint, and the status that goes with it, to the protocol response.</summary>
public static class RetryAfter
{
    private const string Property = "authserver:retry_after";

    /// <summary>The header's value: whole seconds, rounded up, at least 1.</summary>
    public static string HeaderValue(TimeSpan delay) =>
        Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Set(OpenIddictServerTransaction transaction, TimeSpan delay, int status = StatusCodes.Status503ServiceUnavailable) =>
        transaction.SetProperty(Property, new Hint(delay, status));

    public static Hint? Get(OpenIddictServerTransaction transaction) => transaction.GetProperty<Hint>(Property);

    public sealed record Hint(TimeSpan Delay, int Status);
}
