using Microsoft.AspNetCore.Builder;

namespace AuthServer.Tests.Infrastructure;

/// <summary>A real server started on a loopback port; stopping it twice is harmless.</summary>
public abstract class LoopbackApp(WebApplication app, string url) : IAsyncDisposable
{
    private bool _disposed;

    protected WebApplication App { get; } = app;

    public string Url { get; } = url;

    public IServiceProvider Services => App.Services;

    public static string NewUrl(int? port = null) => $"http://127.0.0.1:{port ?? Ports.Free()}";

    /// <summary>
    /// Builds and starts an app on a free port. A port found free can be taken by another test before
    /// Kestrel binds it; then the app is built again on another port. A port the test chose is not changed.
    /// </summary>
    protected static async Task<(WebApplication App, string Url)> StartOnFreePortAsync(Func<string, WebApplication> build, int? port = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = NewUrl(port);
            var app = build(url);
            try
            {
                await app.StartAsync();
                return (app, url);
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && port is null && attempt < 5)
            {
                await app.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await App.StopAsync();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
