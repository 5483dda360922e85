using System.ComponentModel;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Runs tests/interop/discovery_authlib.py: Authlib (Debian's python3-authlib, which .ci/run installs)
/// validates the discovery documents. A missing Python or Authlib fails the test; it never skips.
/// </summary>
public static class PythonDiscoveryValidator
{
    // Debian's interpreter first: python3-authlib lives in its dist-packages, which a pyenv or venv python3 does not see.
    private static readonly string[] Interpreters = ["/usr/bin/python3", "python3"];

    public static string Script { get; } = FindScript();

    public static async Task<(int ExitCode, string Output)> ValidateAsync(string issuer)
    {
        var python = await FindInterpreterAsync()
            ?? throw new MissingTool("a python3 with Authlib (tried " + string.Join(", ", Interpreters) + ")", "apt-get install python3-authlib");
        return await ExternalProcess.RunAsync(python, [Script, issuer]);
    }

    private static async Task<string?> FindInterpreterAsync()
    {
        foreach (var python in Interpreters)
        {
            try
            {
                if ((await ExternalProcess.RunAsync(python, ["-c", "import authlib.oauth2.rfc8414"])).Item1 == 0) return python;
            }
            catch (Win32Exception)
            {
                // not installed under this name
            }
        }

        return null;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "discovery_authlib.py");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("tests/interop/discovery_authlib.py not found above the test binaries.");
    }
}
