using AuthServer.Bubble;
using AuthServer.Grants;
using AuthServer.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Clients;

/// <summary>
/// The rules every client definition follows, from configuration or the CLI. <c>name</c> turns a
/// field (and, for lists, an index) into the key the operator typed, so each failure names it.
/// </summary>
public static class ClientRules
{
    /// <summary>
    /// The longest client id: the width of OpenIddict's column, so no longer id can be stored. A longer one
    /// is refused before the limiter or the store is asked, so made-up ids of any size hold nothing.
    /// </summary>
    public const int MaxClientIdLength = 100;

    /// <summary>
    /// Claims a Bubble field may not overwrite: the token's own registered and protocol claims. Compared
    /// ignoring case, since <c>Sub</c> or <c>Scope</c> beside <c>sub</c> and <c>scope</c> would confuse any reader.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedClaims = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt,
        Claims.JwtId, Claims.ClientId, Claims.Scope, Claims.Email, "cnf", "act", "may_act", "azp", AuthServer.Grants.ChainClaims.BubbleApp,
    };

    /// <summary>
    /// Whether <paramref name="clientId"/> could name a client at all. These rules refuse control
    /// characters, and PostgreSQL cannot even compare a string holding a NUL, so an id with one is
    /// answered without asking the store; so is one longer than <see cref="MaxClientIdLength"/>.
    /// </summary>
    public static bool CanNameAClient(string clientId) => clientId.Length <= MaxClientIdLength && !clientId.Any(char.IsControl);

    public static IEnumerable<string> Check(ClientDefinition client, Func<string, int?, string> name, Func<string, bool> scopeExists)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || !CanNameAClient(client.ClientId)
            || client.ClientId.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            yield return $"{name("ClientId", null)} must be a non-empty id of at most {MaxClientIdLength} characters, without spaces or ':'.";
        }

        if (client.GrantTypes.Count == 0)
        {
            yield return $"{name("GrantTypes", null)} needs at least one of {GrantNames.Expected}.";
        }

        for (var i = 0; i < client.GrantTypes.Count; i++)
        {
            if (!GrantNames.ToProtocol.ContainsKey(client.GrantTypes[i]))
            {
                yield return $"{name("GrantTypes", i)} '{client.GrantTypes[i]}' is not a grant type; expected {GrantNames.Expected}.";
            }
        }

        // Every grant here needs a confidential client: a Bubble token lives in the user's browser, so
        // token_exchange and refresh_token without a secret would let anyone holding one mint tokens.
        if (string.IsNullOrWhiteSpace(client.ClientSecret) && client.GrantTypes.FirstOrDefault(SecretRequiredGrants.Contains) is { } grant)
        {
            yield return $"{name("ClientSecret", null)} is required for the {grant} grant: only a confidential client may use it.";
        }

        for (var i = 0; i < client.Scopes.Count; i++)
        {
            if (!scopeExists(client.Scopes[i]))
            {
                yield return $"{name("Scopes", i)} '{client.Scopes[i]}' is not a declared scope.";
            }
        }

        if (client.GrantTypes.Contains(GrantNames.TokenExchange) && string.IsNullOrWhiteSpace(client.BubbleAppUrl))
        {
            yield return $"{name("BubbleAppUrl", null)} is required for a token_exchange client.";
        }
        else if (client.BubbleAppUrl is { Length: > 0 } url && !BubbleAppUrl.TryNormalize(url, out _))
        {
            yield return $"{name("BubbleAppUrl", null)} '{url}' must be an absolute http(s) URL without query or fragment.";
        }

        for (var i = 0; i < client.BubbleClaims.Count; i++)
        {
            var claim = client.BubbleClaims[i];
            if (string.IsNullOrWhiteSpace(claim) || ReservedClaims.Contains(claim) || OpenIddictPrivateClaims.Is(claim))
            {
                yield return $"{name("BubbleClaims", i)} '{claim}' cannot be used: it is empty or a reserved claim.";
            }
        }
    }

    /// <summary>Definitions that are valid but promise what the server never does; reported, never refused.</summary>
    public static IEnumerable<string> Warnings(ClientDefinition client)
    {
        if (client.GrantTypes.Contains(GrantNames.ClientCredentials) && client.GrantTypes.Contains(GrantNames.RefreshToken)
            && client.Scopes.Contains(Scopes.OfflineAccess))
        {
            yield return "client_credentials never returns a refresh token (RFC 6749 §4.4.3), "
                + "although this client may also use refresh_token with offline_access.";
        }
    }

    private static readonly IReadOnlySet<string> SecretRequiredGrants = new HashSet<string>(StringComparer.Ordinal)
    {
        GrantNames.ClientCredentials, GrantNames.TokenExchange, GrantNames.RefreshToken,
    };
}
