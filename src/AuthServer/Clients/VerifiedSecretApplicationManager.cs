using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace AuthServer.Clients;

/// <summary>OpenIddict's application manager, with secret verification served from <see cref="VerifiedSecretCache"/> after the first success.</summary>
public sealed class VerifiedSecretApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    VerifiedSecretCache verified) : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateClientSecretAsync(TApplication application, string secret,
        CancellationToken cancellationToken = default)
    {
        var clientId = await Store.GetClientIdAsync(application, cancellationToken);
        var storedHash = await Store.GetClientSecretAsync(application, cancellationToken);
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(storedHash) || string.IsNullOrEmpty(secret)
            || await HasClientTypeAsync(application, OpenIddictConstants.ClientTypes.Public, cancellationToken))
        {
            return await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        }

        if (verified.Contains(clientId, secret, storedHash))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        if (valid)
        {
            verified.Remember(clientId, secret, storedHash);
        }

        return valid;
    }
}
