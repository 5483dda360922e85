using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SampleApi;

/// <summary>
/// Rereads discovery and the JWKS at a fixed interval (and at once after a refresh request).
/// The stock manager refreshes at most every 5 minutes; an operator who wants a revoked key to stop
/// working sooner, or a test of key rotation, sets <c>Auth:KeySetRefreshInterval</c>.
/// </summary>
public sealed class PeriodicConfigurationManager(string metadataAddress, HttpClient http, bool requireHttps, TimeSpan interval)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetched;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } fresh && DateTimeOffset.UtcNow - _fetched < interval)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is null || DateTimeOffset.UtcNow - _fetched >= interval)
            {
                try
                {
                    _current = await OpenIdConnectConfigurationRetriever.GetAsync(metadataAddress,
                        new HttpDocumentRetriever(http) { RequireHttps = requireHttps }, cancel);
                    _fetched = DateTimeOffset.UtcNow;
                }
                catch (Exception) when (_current is not null)
                {
                    // AuthServer unreachable for a moment: keep validating with the last known keys.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never fetched yet: no key can validate anything. Marked so the API answers 401 as
                    // JwtBearer's own manager does, rather than JwtBearer rethrowing it as a 500.
                    throw new AuthorityUnavailableException(metadataAddress, ex);
                }
            }

            return _current!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _fetched = DateTimeOffset.MinValue;
}

/// <summary>The authority's discovery document could not be read and no earlier copy exists.</summary>
public sealed class AuthorityUnavailableException(string metadataAddress, Exception inner)
    : Exception($"The discovery document at {metadataAddress} could not be read.", inner);
