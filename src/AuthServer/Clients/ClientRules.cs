using AuthServer.Bubble;
using AuthServer.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.Refresh;

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
    public static readonly IReadOnlySet<string> ReservedClaims = new HashSet<string>(
    [
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt,
        Claims.JwtId, Claims.ClientId, Claims.Scope, Claims.Email, "cnf", "act", "may_act", "azp",
        .. AuthServer.Protocol.Token.Refresh.ChainClaims.All,
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="clientId"/> could name a client at all. These rules refuse control
    /// characters, and PostgreSQL cannot even compare a string holding a NUL, so an id with one is
    /// answered without asking the store; so is one longer than <see cref="MaxClientIdLength"/>.
    /// </summary>
    public static bool CanNameAClient(string clientId) => clientId.Length <= MaxClientIdLength && !clientId.Any(char.IsControl);

    /// <param name="allowPrivateAddresses"><c>Bubble:AllowPrivateAddresses</c>: when false, a Bubble app URL must be https on a public host name.</param>
    /// <param name="storedScopesCount">Whether a scope kept in the store (added with the CLI or the console) counts: not for a
    /// client declared in configuration, which is checked before the store is read and must stand on configuration alone.</param>
    public static IEnumerable<string> Check(ClientDefinition client, Func<string, int?, string> name, Func<string, bool> scopeExists,
        bool allowPrivateAddresses = false, bool storedScopesCount = true)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || !CanNameAClient(client.ClientId)
            || client.ClientId.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            yield return $"{name("ClientId", null)} must be a non-empty id of at most {MaxClientIdLength} characters, without spaces or ':'.";
        }
        else if (!BubbleLimits.IsWellFormed(client.ClientId))
        {
            yield return $"{name("ClientId", null)} must be well-formed text (it holds a lone UTF-16 surrogate).";
        }
        else if (BubbleIds.HasBubbleShape(client.ClientId))
        {
            // client_credentials tokens carry the client id as sub: this one could be taken for a Bubble user's.
            yield return $"{name("ClientId", null)} '{client.ClientId}' has the shape of a Bubble user id (digits x digits), "
                + "which a token's sub keeps for Bubble users; choose another id.";
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
        // A registered public key (private_key_jwt) authenticates the client as well as a secret does.
        var keysName = string.IsNullOrWhiteSpace(client.JwksFile) ? name("Jwks", null) : name("JwksFile", null);
        var hasKeys = !string.IsNullOrWhiteSpace(client.Jwks);
        if (string.IsNullOrWhiteSpace(client.ClientSecret) && !hasKeys
            && client.GrantTypes.FirstOrDefault(SecretRequiredGrants.Contains) is { } grant)
        {
            yield return $"{name("ClientSecret", null)} (or {name("Jwks", null)}, public keys for private_key_jwt) is required for the "
                + $"{grant} grant: only a confidential client may use it.";
        }

        if (hasKeys && ClientKeySet.Parse(client.Jwks!, keysName).Problem is { } keyProblem)
        {
            yield return keyProblem;
        }

        if (client.PrivateKeyJwtOnly && !hasKeys)
        {
            yield return $"{name("PrivateKeyJwtOnly", null)} needs public keys in {name("Jwks", null)} or {name("JwksFile", null)}.";
        }

        for (var i = 0; i < client.Scopes.Count; i++)
        {
            if (!scopeExists(client.Scopes[i]))
            {
                yield return $"{name("Scopes", i)} '{client.Scopes[i]}' is not a declared scope: declare it in configuration "
                    + "(Scopes:N:Name, with its audiences in Scopes:N:Resources:M)"
                    + (storedScopesCount ? ", or with `scopes add NAME --resource RESOURCE` or the console's Scopes page." : ".");
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
        else if (client.BubbleAppUrl is { Length: > 0 } appUrl
            && BubbleAddresses.CheckShape(new Uri(appUrl.Trim()), allowPrivateAddresses) is { } problem)
        {
            yield return $"{name("BubbleAppUrl", null)} {problem}.";
        }

        for (var i = 0; i < client.BubbleClaims.Count; i++)
        {
            var claim = client.BubbleClaims[i];
            if (string.IsNullOrWhiteSpace(claim) || !BubbleLimits.IsPlainText(claim) || ReservedClaims.Contains(claim)
                || OpenIddictPrivateClaims.Is(claim))
            {
                yield return $"{name("BubbleClaims", i)} '{claim}' cannot be used: it is empty or a reserved claim.";
            }
        }

        if (client.RefreshTokenAbsoluteLifetime is { } absolute && absolute <= TimeSpan.Zero)
        {
            yield return $"{name("RefreshTokenAbsoluteLifetime", null)} must be positive.";
        }
    }

    /// <summary>
    /// A client's own access token lifetime is positive and at most <paramref name="maximum"/>
    /// (<c>Auth:AccessTokenLifetime</c>): the server's setting bounds every token it signs, and the key ring keeps a
    /// retired key for that long (<c>Auth:KeyRotation:RetentionTime</c>), so a longer token could outlive its key.
    /// </summary>
    public static IEnumerable<string> CheckAccessTokenLifetime(ClientDefinition client, Func<string, int?, string> name, TimeSpan maximum)
    {
        if (client.AccessTokenLifetime is not { } lifetime)
        {
            yield break;
        }

        if (lifetime <= TimeSpan.Zero)
        {
            yield return $"{name("AccessTokenLifetime", null)} must be a positive duration.";
        }
        else if (lifetime > maximum)
        {
            yield return $"{name("AccessTokenLifetime", null)} '{lifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}' "
                + $"must be at most {AccessTokenLifetimeMaximumKey} ({maximum.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}).";
        }
    }

    public const string AccessTokenLifetimeMaximumKey = "Auth:AccessTokenLifetime";

    /// <summary>
    /// The rules between clients and scopes: a client id never equals a resource name unless the client is declared
    /// as that API's resource server (it could introspect every token issued for it), and an audience a token_exchange
    /// client reaches is reached by no client bound to another Bubble app or version (whose whoami could name this
    /// app's user ids), unless <c>Bubble:SharedAudiences</c> lists it.
    /// </summary>
    public static IEnumerable<string> CheckAgainstCatalog(ClientDefinition client, Func<string, int?, string> name, ClientCatalogView catalog)
    {
        if (!client.ResourceServer && catalog.IsResource(client.ClientId))
        {
            yield return $"{name("ClientId", null)} '{client.ClientId}' is the name of a resource (an audience of a scope): "
                + $"only the API itself may have it, declared with {name("ResourceServer", null)} = true; choose another id.";
        }

        if (AudienceBinding.Of(client, catalog.ResourcesOf) is not { } mine)
        {
            yield break;
        }

        for (var i = 0; i < client.Scopes.Count; i++)
        {
            var conflict = catalog.ResourcesOf(client.Scopes[i])
                .Select(audience => (Audience: audience, Other: catalog.OtherBindingReaching(audience, mine.ClientId, mine.Binding)))
                .FirstOrDefault(c => c.Other is not null);
            if (conflict.Other is { } other)
            {
                yield return $"{name("Scopes", i)} '{client.Scopes[i]}' reaches audience '{conflict.Audience}', which client "
                    + $"'{other.ClientId}' of another Bubble app or version ({other.Binding}) reaches too: that API could not tell "
                    + $"the two apps' users apart. Give each app its own audience, or list it in {BubbleSharedAudiences} (a risk; see docs/bubble.md, \"One audience per Bubble app\").";
            }
        }
    }

    public const string BubbleSharedAudiences = "Bubble:SharedAudiences";

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
