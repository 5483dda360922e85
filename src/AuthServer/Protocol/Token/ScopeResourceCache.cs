using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;

namespace AuthServer.Protocol.Token;

/// <summary>
/// The audiences (resources) of a set of scopes, read from the store at most once a second per set.
/// Scopes change when a node applies its configuration at start, and when the CLI or the console adds, edits or
/// removes one (<c>ScopeAdministration</c>): <see cref="Lifetime"/> is the bound on how late such a change shows in
/// <c>aud</c>, well inside the 5 s bound every node keeps for changes made elsewhere.
/// </summary>
public sealed class ScopeResourceCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly MemoryCache _resources = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    public async ValueTask<IReadOnlyList<string>> ListAsync(IOpenIddictScopeManager scopes, IReadOnlyCollection<string> names,
        CancellationToken cancellationToken)
    {
        var key = string.Join(' ', names.Order(StringComparer.Ordinal));
        if (_resources.TryGetValue(key, out IReadOnlyList<string>? known) && known is not null)
        {
            return known;
        }

        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync([.. names], cancellationToken))
        {
            if (!resources.Contains(resource, StringComparer.Ordinal))
            {
                resources.Add(resource);
            }
        }

        _resources.Set(key, (IReadOnlyList<string>)resources, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return resources;
    }

    public void Dispose() => _resources.Dispose();
}
