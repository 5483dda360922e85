using System.Security.Cryptography;
using AuthServer.Options;

namespace AuthServer.Administration.Clients;

/// <summary>The pieces the rules of <see cref="Clients.ClientRules"/> work on, as configuration would spell them.</summary>
internal static class ClientDefinitions
{
    public static ClientDefinition Of(string clientId, ClientSettings settings, string? secret) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        GrantTypes = [.. settings.Grants],
        Scopes = [.. settings.Scopes],
        BubbleAppUrl = settings.BubbleAppUrl,
        BubbleClaims = [.. settings.BubbleClaims],
        ResourceServer = settings.ResourceServer,
        AccessTokenLifetime = settings.AccessTokenLifetime,
    };

    /// <summary>256 random bits, URL-safe, so it can be pasted into a Basic header or a form unescaped.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A field named as under <c>Clients:N</c>: <c>GrantTypes:1</c>.</summary>
    public static string ConfigurationName(string field, int? index) => index is null ? field : $"{field}:{index}";
}
