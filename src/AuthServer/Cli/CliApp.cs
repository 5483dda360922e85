using System.CommandLine;
using Serilog;
using AuthServer.Hosting;
using Microsoft.Extensions.Options;

namespace AuthServer.Cli;

/// <summary>
/// The admin CLI: the same executable, configuration and store as the server, usable while it runs.
/// Exit 0 on success; otherwise 1 (or 2 for a malformed command line) with one line on stderr.
/// </summary>
public static class CliApp
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { "migrate", "clients", "scopes", "keys", "admins", "sessions", "--help", "-h" };

    /// <summary>
    /// A known command, or any bare first word: the server's own arguments are configuration (<c>--urls …</c>,
    /// <c>/key value</c>, <c>key=value</c>), so a word such as <c>widgets</c> is a command this version lacks, and it
    /// fails as the CLI does (exit 2, one line) instead of starting a server on the default address.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Contains(args[0]) || (args[0].Length > 0 && args[0][0] is not ('-' or '/') && !args[0].Contains('=')));

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null,
        Action<HostApplicationBuilder>? configure = null)
    {
        var parse = CliCommands.Root().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync(string.Join(" ", parse.Errors.Select(e => e.Message)));
            return 2;
        }

        if (parse.Action is System.CommandLine.Help.HelpAction)
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        var builder = CreateHostBuilder();
        configure?.Invoke(builder);

        using var host = builder.Build();
        // Without a reader given (the real process), the process's own standard input: a pipe, or a terminal to prompt at.
        var console = new CliConsole(stdout, stderr, stdin ?? Console.In, InIsTerminal: stdin is null && !Console.IsInputRedirected);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var context = new CliContext(scope.ServiceProvider, console);
            return await CliCommands.RunAsync(parse, context);
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync(StartupFailure.Describe(ex));
            return 1;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException
            or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
        {
            await stderr.WriteLineAsync(StartupFailure.Describe(ex));
            return 1;
        }
        catch (OpenIddict.Abstractions.OpenIddictExceptions.ValidationException ex)
        {
            // e.g. another operator created the same client id a moment ago
            await stderr.WriteLineAsync(string.Join(" ", ex.Results.Select(r => r.ErrorMessage)).ReplaceLineEndings(" "));
            return 1;
        }
    }

    /// <summary>The CLI's host: the server's configuration and environment, the audit log on stderr, <see cref="CliServices"/>.</summary>
    internal static HostApplicationBuilder CreateHostBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = ContentRoot.Resolve(),
            // The server is a web host and reads ASPNETCORE_ENVIRONMENT; the CLI must see the same environment.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) => CliAuditLog.Configure(logger, builder.Configuration, services),
            preserveStaticLogger: true);
        builder.Services.AddCliServices(builder.Configuration);
        return builder;
    }
}

/// <summary>A mistake of the operator's: its message is the one line the CLI prints.</summary>
public sealed class CliException(string message) : Exception(message);

public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool InIsTerminal = false);

public sealed record CliContext(IServiceProvider Services, CliConsole Console)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
