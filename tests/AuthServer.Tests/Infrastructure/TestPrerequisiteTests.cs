

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The README's test command must pass on a fresh machine from a checkout in any folder, and a test that needs a
/// missing tool must say in one line what to install.
/// </summary>
public sealed class TestPrerequisiteTests
{
    [Fact]
    public void A_missing_tool_fails_in_one_line_that_names_the_install_command_and_shows_no_stack_trace()
    {
        var failure = Assert.Throws<MissingTool>(FailForAuthlib);

        Assert.DoesNotContain('\n', failure.Message);
        Assert.Contains("apt-get install python3-authlib", failure.Message);
        Assert.Contains("bash .ci/run", failure.Message);
        Assert.Null(failure.StackTrace);
    }

    private static void FailForAuthlib() => throw new MissingTool("python3-authlib", "apt-get install python3-authlib");

#if POSTGRES
    [Fact]
    public async Task The_postgres_script_prints_only_the_connection_string_when_run_from_a_folder_only_its_owner_may_enter()
    {
        using var privateFolder = new TestDirectory();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(privateFolder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cluster = Path.Combine(Path.GetTempPath(), $"authserver-pg-private-{Guid.NewGuid():N}");
        var script = Path.Combine(RepositoryRoot.Path, "tests", "postgres", "server.sh");
        try
        {
            var (code, output) = await ExternalProcess.RunAsync("bash", [script, "start", cluster], privateFolder.Path, TimeSpan.FromMinutes(2));

            Assert.Equal(0, code);
            // As root the server runs as `postgres`, who cannot enter the folder: no warning of that may reach the output.
            var line = Assert.Single(output.Trim().Split('\n'));
            Assert.StartsWith("Host=127.0.0.1;Port=", line);
        }
        finally
        {
            await ExternalProcess.RunAsync("bash", [script, "stop", cluster], privateFolder.Path);
            try { Directory.Delete(cluster, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
#endif
}
