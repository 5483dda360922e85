namespace AuthServer.Benchmarks.Load;

/// <param name="Connections">Concurrent keep-alive connections, one worker each, each sending its next request when the last is answered.</param>
public sealed record LoadSettings(int Connections, TimeSpan WarmUp, TimeSpan Duration);
