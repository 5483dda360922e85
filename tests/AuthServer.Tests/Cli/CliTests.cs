using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Cli;

public sealed class CliTests : ServerTest
{
    private Task<CliResult> RunAsync(string commandLine, string input = "") => CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine, input);

    [Fact]
    public async Task Migrate_on_an_empty_store_applies_every_migration_and_exits_0()
    {
        var result = await CliRunner.RunAsync(Directory.File("fresh.db"), Server.Url, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Applied", result.Out);
        Assert.Equal("The store is up to date.", (await CliRunner.RunAsync(Directory.File("fresh.db"), Server.Url, "migrate")).Out.Trim());
    }

    [Fact]
    public async Task Client_added_by_the_cli_gets_a_token_from_the_running_server()
    {
        var result = await RunAsync("clients add --client-id robot --grant client_credentials --scope sample-api.read");

        Assert.Equal(0, result.ExitCode);
        var secret = result.Out.Split("store it now): ")[1].Trim();
        Assert.True(secret.Length >= 40, "a generated secret has 256 bits");
        var token = await Tokens.ClientCredentialsAsync("robot", secret);
        Assert.Equal(200, token.Status);
        Assert.DoesNotContain(secret, Logs.AllText);
    }

    [Fact]
    public async Task Clients_list_shows_clients_as_a_table_and_as_json()
    {
        await RunAsync("clients add --client-id robot --grant client_credentials --scope sample-api.read --secret robot-secret-123456");

        var table = await RunAsync("clients list");
        var json = await RunAsync("clients list --json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("robot", table.Out);
        Assert.Contains(TestClients.Script, table.Out);
        var robot = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == "robot");
        Assert.Equal("client_credentials", robot.GetProperty("grants")[0].GetString());
        Assert.DoesNotContain("robot-secret-123456", table.Out + json.Out);
    }

    [Theory]
    [InlineData("clients add --client-id x --grant password --scope sample-api.read", 1, "--grant")]
    [InlineData("clients add --client-id x --grant token_exchange --scope sample-api.read", 1, "--bubble-app-url")]
    [InlineData("clients add --client-id x --grant client_credentials --scope nope", 1, "--scope")]
    [InlineData("clients add --grant client_credentials --scope sample-api.read", 2, "--client-id")]
    [InlineData("clients add --client-id test-script --grant client_credentials --scope sample-api.read", 1, "already exists")]
    [InlineData("clients remove nobody", 1, "Unknown client")]
    [InlineData("clients set-secret nobody", 1, "Unknown client")]
    [InlineData("keys revoke nokey --yes", 1, "Unknown key")]
    [InlineData("keys explode", 2, "explode")]
    [InlineData("clients", 2, "Required command")]
    public async Task Bad_input_exits_non_zero_with_one_line_on_stderr(string commandLine, int exitCode, string mentioned)
    {
        var result = await RunAsync(commandLine);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(mentioned, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var help = await RunAsync("clients --help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("set-secret", help.Out);
        Assert.True(AuthServer.Cli.CliApp.IsCommand(["--help"]));
    }

    [Fact]
    public async Task An_unknown_command_fails_in_one_line_instead_of_starting_the_server()
    {
        Assert.True(AuthServer.Cli.CliApp.IsCommand(["widgets", "list"]));
        Assert.False(AuthServer.Cli.CliApp.IsCommand(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(AuthServer.Cli.CliApp.IsCommand(["Auth:Issuer=https://auth.example.com"]));
        Assert.False(AuthServer.Cli.CliApp.IsCommand(["/Auth:Issuer", "https://auth.example.com"]));
        Assert.False(AuthServer.Cli.CliApp.IsCommand([]));

        var result = await RunAsync("widgets list");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains("widgets", result.Error);
    }

    [Fact]
    public async Task Set_secret_replaces_the_secret_at_the_next_request()
    {
        var result = await RunAsync($"clients set-secret {TestClients.Script} --secret brand-new-secret-0123456789");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(401, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(secret: "brand-new-secret-0123456789")).Status);
    }

    [Fact]
    public async Task Set_secret_without_a_secret_generates_one_and_prints_it_once()
    {
        var result = await RunAsync($"clients set-secret {TestClients.Script}");

        Assert.Equal(0, result.ExitCode);
        var secret = result.Out.Split("store it now): ")[1].Trim();
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(secret: secret)).Status);
        Assert.DoesNotContain(secret, (await RunAsync("clients list --json")).Out);
    }

    [Fact]
    public async Task A_bubble_clients_new_secret_comes_with_the_ready_authorization_header_that_authenticates()
    {
        var added = await RunAsync("clients add --client-id bubbly --grant token_exchange --grant refresh_token "
            + "--scope sample-api.read --scope offline_access --bubble-app-url https://myapp.bubbleapps.io");
        var rotated = await RunAsync("clients set-secret bubbly");

        foreach (var result in new[] { added, rotated })
        {
            Assert.Equal(0, result.ExitCode);
            var secret = result.Out.Split("store it now): ")[1].Split('\n')[0].Trim();
            var header = result.Out.Split("(private; shown once): ")[1].Trim();
            Assert.Equal(AuthServer.Administration.Bubble.ClientSecretBasic.HeaderValue("bubbly", secret), header);
        }

        // The header as printed authenticates the client (revoking an unknown token answers 200 to a known client).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "unknown" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", rotated.Out.Split("(private; shown once): ")[1].Trim());
        Assert.Equal(200, (int)(await Tokens.Http.SendAsync(request)).StatusCode);
        Assert.DoesNotContain("Authorization header", (await RunAsync($"clients set-secret {TestClients.Script}")).Out);
    }

    [Fact]
    public async Task Remove_stops_the_client_at_the_next_request()
    {
        Assert.Equal(0, (await RunAsync($"clients remove {TestClients.Script}")).ExitCode);

        Assert.Equal("invalid_client", (await Tokens.ClientCredentialsAsync())["error"]);
    }

    [Theory]
    [InlineData("clients remove")]
    [InlineData("clients set-secret")]
    public async Task Changing_a_client_declared_in_configuration_is_refused_naming_where_it_is_declared(string command)
    {
        var declared = new Dictionary<string, string?>
        {
            ["Clients:0:ClientId"] = TestClients.Script,
            ["Clients:0:ClientSecret"] = TestClients.ScriptSecret,
            ["Clients:0:GrantTypes:0"] = "client_credentials",
            ["Clients:0:Scopes:0"] = "sample-api.read",
        };

        var result = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"{command} {TestClients.Script}", settings: declared);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Client '{TestClients.Script}' is declared in configuration (in-memory settings / Clients:0)", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    [Fact]
    public async Task Keys_list_rotate_and_json_show_the_timeline()
    {
        var active = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;

        var rotate = await RunAsync("keys rotate");
        var list = await RunAsync("keys list --json");

        Assert.Equal(0, rotate.ExitCode);
        var keys = JsonDocument.Parse(list.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal("active", keys.Single(k => k.GetProperty("kid").GetString() == active).GetProperty("state").GetString());
        var announced = keys.Single(k => k.GetProperty("state").GetString() == "announced").GetProperty("kid").GetString()!;
        Assert.Contains(announced, rotate.Out);
        Assert.Contains(announced, await Tokens.Http.GetStringAsync("/.well-known/jwks"));
        Assert.Equal(active, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid);
        Assert.Contains("announced", (await RunAsync("keys list")).Out);
    }

    [Fact]
    public async Task Revoke_asks_for_confirmation_and_refusal_changes_nothing()
    {
        var kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;

        var refused = await RunAsync($"keys revoke {kid}", input: "n\n");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Revoke key", refused.Out);
        Assert.Contains(kid, await Tokens.Http.GetStringAsync("/.well-known/jwks"));

        var confirmed = await RunAsync($"keys revoke {kid}", input: "y\n");
        Assert.Equal(0, confirmed.ExitCode);
        Assert.DoesNotContain(kid, await Tokens.Http.GetStringAsync("/.well-known/jwks"));
    }
}
