
namespace AuthServer.Tests.Infrastructure;

/// <summary>Runs tests/jwt-verifier (jose on Node.js), installing its locked packages on first use.</summary>
public static class NodeVerifier
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Folder { get; } = FindFolder();

    public static async Task<(int ExitCode, string Output)> VerifyAsync(string issuer, string audience, string token)
    {
        try
        {
            await EnsureInstalledAsync();
            return await ExternalProcess.RunAsync("node", ["verify.mjs", issuer, audience, token], Folder);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new MissingTool("Node.js and npm, for the jose validator", "apt-get install nodejs npm");
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "jose"))) return;
            // The suite runs as two test processes at once (SQLite and PostgreSQL): one installs, the other waits.
            await using var processLock = await AcquireFileLockAsync(Path.Combine(Folder, ".npm-install.lock"));
            if (!Directory.Exists(Path.Combine(Folder, "node_modules", "jose")))
            {
                var (code, output) = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder);
                Assert.True(code == 0, $"npm ci failed in {Folder}: {output}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1800)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "jwt-verifier");
            if (File.Exists(Path.Combine(candidate, "verify.mjs"))) return candidate;
        }

        throw new DirectoryNotFoundException("tests/jwt-verifier not found above the test binaries.");
    }
}
