using System.Diagnostics;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

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
        start.Environment["ConnectionStrings__AuthServer"] = $"Data Source={directory.File("a.db")}";
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
        Assert.False(File.Exists(directory.File("a.db")));
    }
}
