using System.Diagnostics;

namespace AuthServer.Clients;

/// <summary>
/// The issuance side of the rule that keeps audiences apart per Bubble binding (defence in depth: configuration, the
/// CLI and the console already refuse a client that breaks it, but a store edited behind their back, or scopes whose
/// resources changed in configuration, could still). The store's <see cref="ClientCatalogView"/> is reread at most
/// once per <see cref="Lifetime"/>, like every other client read.
/// </summary>
public sealed class AudienceIsolation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private volatile Snapshot? _snapshot;

    /// <summary>
    /// A token_exchange client of another binding that reaches one of <paramref name="audiences"/> (not shared),
    /// with that audience; null when the grant is safe.
    /// </summary>
    public async Task<(string Audience, AudienceBinding Other)?> FindConflictAsync(ClientCatalogReader reader, string clientId,
        string binding, IEnumerable<string> audiences, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(reader, cancellationToken);
        foreach (var audience in audiences)
        {
            if (view.OtherBindingReaching(audience, clientId, binding) is { } other)
            {
                return (audience, other);
            }
        }

        return null;
    }

    private async Task<ClientCatalogView> ViewAsync(ClientCatalogReader reader, CancellationToken cancellationToken)
    {
        if (_snapshot is { } known && Stopwatch.GetElapsedTime(known.ReadAt) < Lifetime)
        {
            return known.View;
        }

        // Concurrent requests at expiry may each read it once; the last one kept wins, all are equally fresh.
        var view = await reader.ReadAsync(withConfiguration: false, cancellationToken);
        _snapshot = new Snapshot(view, Stopwatch.GetTimestamp());
        return view;
    }

    private sealed record Snapshot(ClientCatalogView View, long ReadAt);
}
