using AuthServer.Bubble;
using AuthServer.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Clients;

/// <summary>Turns a client definition (from configuration or the CLI) into an OpenIddict descriptor.</summary>
public static class ClientDescriptorFactory
{
    public static OpenIddictApplicationDescriptor Create(ClientDefinition client)
    {
        // A registered key makes a client confidential as a secret does (RFC 7523 §2.2): it proves who calls.
        var keys = string.IsNullOrWhiteSpace(client.Jwks) ? null : ClientKeySet.Parse(client.Jwks, "Jwks").Set;
        var confidential = !string.IsNullOrEmpty(client.ClientSecret) || keys is not null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = string.IsNullOrEmpty(client.ClientSecret) ? null : client.ClientSecret,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.ClientId,
            JsonWebKeySet = keys,
        };

        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        if (confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
            descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        }

        foreach (var grant in client.GrantTypes.Distinct(StringComparer.Ordinal))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + GrantNames.ToProtocol[grant]);
        }

        foreach (var scope in client.Scopes.Distinct(StringComparer.Ordinal))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (BubbleAppUrl.TryNormalize(client.BubbleAppUrl, out var appUrl))
        {
            descriptor.Properties[ClientProperties.BubbleAppUrl] = ClientProperties.ToJson(appUrl);
        }

        if (client.BubbleClaims.Count > 0)
        {
            descriptor.Properties[ClientProperties.BubbleClaims] = ClientProperties.ToJson(client.BubbleClaims.Distinct().ToArray());
        }

        if (client.ResourceServer)
        {
            descriptor.Properties[ClientProperties.ResourceServer] = ClientProperties.ToJson(true);
        }

        if (!client.BubbleSessionCheck)
        {
            descriptor.Properties[ClientProperties.BubbleSessionCheck] = ClientProperties.ToJson(false);
        }

        if (client.RefreshTokenAbsoluteLifetime is { } absolute)
        {
            descriptor.Properties[ClientProperties.RefreshTokenAbsoluteLifetime] =
                ClientProperties.ToJson(absolute.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (client.AccessTokenLifetime is { } accessLifetime)
        {
            descriptor.Properties[ClientProperties.AccessTokenLifetime] =
                ClientProperties.ToJson(accessLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (client.PrivateKeyJwtOnly)
        {
            descriptor.Properties[ClientProperties.PrivateKeyJwtOnly] = ClientProperties.ToJson(true);
        }

        return descriptor;
    }
}
