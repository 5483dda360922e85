namespace AuthServer.Tests.Infrastructure;

/// <summary>A fresh folder per test for its store (a SQLite file, or a PostgreSQL database named after it) and content root; removed afterwards.</summary>
public sealed class TestDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("authserver-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        TestStore.Release(Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
