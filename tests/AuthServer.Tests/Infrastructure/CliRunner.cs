using AuthServer.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the admin CLI in-process against a test's store, as an operator would beside the running server.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string databaseFile, string issuer, string commandLine, string input = "",
        LogCapture? logs = null, IDictionary<string, string?>? settings = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), stdout, stderr,
            new StringReader(input), builder =>
            {
                if (logs is not null) builder.Services.AddSingleton<Serilog.Core.ILogEventSink>(logs);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestStore.Settings(databaseFile))
                {
                    ["Auth:Issuer"] = issuer,
                    ["Auth:RequireHttps"] = "false",
                    ["Bubble:AllowPrivateAddresses"] = "true",
                    ["Scopes:0:Name"] = "sample-api.read",
                    ["Scopes:0:Resources:0"] = "sample-api",
                });
                if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
