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

    private readonly SemaphoreSlim _reading = new(1, 1);
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
        var known = _snapshot;
        if (known is not null && Stopwatch.GetElapsedTime(known.ReadAt) < Lifetime)
        {
            return known.View;
        }

        // One request rereads the store; the others meanwhile keep the view that has just expired (late by at most
        // that read), so a busy node does not read every client once per request at each expiry.
        if (known is not null && !_reading.Wait(0))
        {
            return known.View;
        }

        if (known is null)
        {
            await _reading.WaitAsync(cancellationToken);
        }

        try
        {
            if (_snapshot is { } fresh && Stopwatch.GetElapsedTime(fresh.ReadAt) < Lifetime)
            {
                return fresh.View;
            }

            var view = await reader.ReadAsync(withConfiguration: false, cancellationToken);
            _snapshot = new Snapshot(view, Stopwatch.GetTimestamp());
            return view;
        }
        finally
        {
            _reading.Release();
        }
    }

    private sealed record Snapshot(ClientCatalogView View, long ReadAt);
}
