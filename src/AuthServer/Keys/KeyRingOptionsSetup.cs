using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace AuthServer.Keys;

/// <summary>Gives OpenIddict the key ring's keys, active signing key first, and rebuilds its options when they change.</summary>
public sealed class KeyRingOptionsSetup(KeyRing ring)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string? Name => Microsoft.Extensions.Options.Options.DefaultName;

    public void Configure(OpenIddictServerOptions options)
    {
        var keys = ring.Current;
        if (keys.Signing.Count == 0)
        {
            throw new InvalidOperationException("No signing key is loaded; the key ring must be refreshed before the server handles requests.");
        }

        options.SigningCredentials.AddRange(keys.Signing);
        options.EncryptionCredentials.AddRange(keys.Encryption);
    }

    public IChangeToken GetChangeToken() => ring.GetChangeToken();
}
