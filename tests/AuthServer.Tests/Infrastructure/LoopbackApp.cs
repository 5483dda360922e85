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

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await App.StopAsync();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
