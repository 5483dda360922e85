using System.Diagnostics;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Hosting;

/// <summary>The real executable, as an operator starts it.</summary>
public sealed class ProcessStartupTests
{
    [Fact]
    public async Task Bad_configuration_exits_1_with_one_line_naming_the_key()
    {
        using var directory = new TestDirectory();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthServer.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        UseStore(start, directory.File("a.db"));
        start.Environment["Auth__Issuer"] = "https://auth.example.com";
        start.Environment["Clients__7__ClientId"] = "x";
        start.Environment["Clients__7__ClientSecret"] = "y";
        start.Environment["Clients__7__GrantTypes__0"] = "password";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Clients:7:GrantTypes:0", line);
        Assert.False(await TestStore.ExistsAsync(directory.File("a.db")));
    }

    [Fact]
    public async Task Logs_written_in_the_background_are_all_flushed_when_the_server_is_stopped()
    {
        using var directory = new TestDirectory();
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthServer.dll"));
        start.ArgumentList.Add($"--urls={url}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        UseStore(start, directory.File("a.db"));
        start.Environment["Auth__Issuer"] = url;
        start.Environment["Auth__RequireHttps"] = "false";
        start.Environment["Scopes__0__Name"] = "sample-api.read";
        start.Environment["Scopes__0__Resources__0"] = "sample-api";
        start.Environment["Clients__0__ClientId"] = TestClients.Script;
        start.Environment["Clients__0__ClientSecret"] = TestClients.ScriptSecret;
        start.Environment["Clients__0__GrantTypes__0"] = "client_credentials";
        start.Environment["Clients__0__Scopes__0"] = "sample-api.read";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var tokens = new TokenClient(url);
        await WaitUntilUpAsync(tokens.Http);
        Assert.Equal(200, (await tokens.ClientCredentialsAsync()).Status);

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        var output = await stdout + await stderr;
        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"Issued tokens to client {TestClients.Script}", output);
        Assert.Contains("POST /connect/token responded 200", output);
        Assert.DoesNotContain(TestClients.ScriptSecret, output);
    }

    private static void UseStore(ProcessStartInfo start, string databaseFile)
    {
        foreach (var (key, value) in TestStore.Settings(databaseFile))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("AuthServer did not become ready in 30 s.");
    }
}
