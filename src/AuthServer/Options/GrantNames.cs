using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Options;

/// <summary>The grant names of configuration and the CLI, and the protocol grant types they stand for.</summary>
public static class GrantNames
{
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "token_exchange";
    public const string RefreshToken = "refresh_token";

    public static readonly IReadOnlyDictionary<string, string> ToProtocol = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ClientCredentials] = GrantTypes.ClientCredentials,
        [TokenExchange] = GrantTypes.TokenExchange,
        [RefreshToken] = GrantTypes.RefreshToken,
    };

    public static string Expected => string.Join(", ", ToProtocol.Keys);
}
