using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// An <see cref="IServer"/> that never binds a socket: the host starts (migration, key ring, hosted services)
/// and its services can be read, but no request can reach it. For tests that inspect the composed server.
/// </summary>
public sealed class NonListeningServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
