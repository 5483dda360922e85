using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using AuthServer.Tests.Sessions;

namespace AuthServer.Tests.Cli;

/// <summary>
/// <c>clients secrets list | add | revoke</c> against a running server: several secrets per client, each with its
/// dates and never its value; an expired or revoked secret refused exactly as a wrong one; audit rows and log events.
/// </summary>
public sealed class ClientSecretCommandsTests : ServerTest
{
    private const string Robot = "robot";
    private const string FirstSecret = "robot-first-secret-0123456789";

    private Task<CliResult> RunAsync(string commandLine, IDictionary<string, string?>? settings = null) =>
        CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine, settings: settings);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ok($"clients add --client-id {Robot} --grant client_credentials --scope sample-api.read --secret {FirstSecret}");
    }

    private async Task<CliResult> Ok(string commandLine)
    {
        var result = await RunAsync(commandLine);
        Assert.True(result.ExitCode == 0, $"{commandLine}: {result.Error}");
        return result;
    }

    private static string Generated(CliResult result) => result.Out.Split("store it now): ")[1].Split('\n')[0].Trim();

    private async Task<JsonElement[]> SecretsAsync() =>
        [.. JsonDocument.Parse((await Ok($"clients secrets list {Robot} --json")).Out).RootElement.EnumerateArray()];

    [Fact]
    public async Task A_client_with_one_secret_lists_it_as_original_and_an_added_secret_works_beside_it()
    {
        var before = await SecretsAsync();
        Assert.Equal("original", Assert.Single(before).GetProperty("id").GetString());

        var added = await Ok($"clients secrets add {Robot}");
        var second = Generated(added);

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, FirstSecret)).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, second)).Status);
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, second + "x"), 401, "invalid_client");
        var secrets = await SecretsAsync();
        Assert.Equal(2, secrets.Length);
        Assert.All(secrets, s => Assert.Equal("live", s.GetProperty("state").GetString()));
        Assert.All(secrets, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("expires_utc").ValueKind));
        var newest = secrets[0];
        Assert.NotEqual(JsonValueKind.Null, newest.GetProperty("created_utc").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, newest.GetProperty("last_used_utc").ValueKind);
        var listing = (await Ok($"clients secrets list {Robot}")).Out + (await Ok("clients list")).Out + (await Ok("clients list --json")).Out;
        Assert.DoesNotContain(second, listing);
        Assert.DoesNotContain(FirstSecret, listing);
        Assert.DoesNotContain(second, Logs.AllText);
        Assert.Contains(newest.GetProperty("id").GetString()!, (await Ok("clients list")).Out);
    }

    [Fact]
    public async Task Rotating_retires_the_other_secrets_after_the_default_grace_of_7_days_and_says_when()
    {
        var before = DateTime.UtcNow;
        var added = await Ok($"clients secrets add {Robot} --secret robot-second-secret-0123456789 --retire-others-in");

        var original = (await SecretsAsync()).Single(s => s.GetProperty("id").GetString() == "original");
        var expires = original.GetProperty("expires_utc").GetDateTime();
        Assert.InRange(expires, before.AddDays(7).AddSeconds(-1), DateTime.UtcNow.AddDays(7).AddSeconds(1));
        Assert.Contains("keep working until", added.Out);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, FirstSecret)).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, "robot-second-secret-0123456789")).Status);
    }

    [Fact]
    public async Task A_revoked_secret_is_refused_at_once_by_the_same_answer_as_a_wrong_one_and_logged_as_1021()
    {
        await Ok($"clients secrets add {Robot} --secret robot-second-secret-0123456789");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, FirstSecret)).Status);

        await Ok($"clients secrets revoke {Robot} original");

        // The CLI is another process: the server sees the revocation within its one-second bound.
        var refused = await WithinBoundAsync(() => Tokens.ClientCredentialsAsync(Robot, FirstSecret));
        await AssertSameAnswerAsync(refused, await Tokens.ClientCredentialsAsync(Robot, "robot-wrong-secret-0123456789"));
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, "robot-second-secret-0123456789")).Status);
        Assert.True(Logs.HasEvent(1021));
        Assert.DoesNotContain(FirstSecret, Logs.AllText);
        Assert.Equal("revoked", (await SecretsAsync()).Single(s => s.GetProperty("id").GetString() == "original").GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_expired_secret_gets_the_byte_identical_answer_of_a_wrong_one_and_is_logged_as_1020_without_its_value()
    {
        var added = await Ok($"clients secrets add {Robot} --expires-in 00:00:02");
        var secret = Generated(added);
        var expires = (await SecretsAsync())[0].GetProperty("expires_utc").GetDateTime();
        while (DateTime.UtcNow < expires)
        {
            var response = await Tokens.ClientCredentialsAsync(Robot, secret);
            if (DateTime.UtcNow < expires)
            {
                Assert.Equal(200, response.Status);
            }

            await Task.Delay(100);
        }

        var expired = await Tokens.ClientCredentialsAsync(Robot, secret);
        var wrong = await Tokens.ClientCredentialsAsync(Robot, secret + "x");

        await AssertSameAnswerAsync(expired, wrong);
        Assert.True(Logs.HasEvent(1020));
        Assert.DoesNotContain(secret, Logs.AllText);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, FirstSecret)).Status);
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute_not_on_every_token()
    {
        var secret = Generated(await Ok($"clients secrets add {Robot}"));
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, secret)).Status);
        var first = (await SecretsAsync())[0].GetProperty("last_used_utc").GetDateTime();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, secret)).Status);
        }

        Assert.Equal(first, (await SecretsAsync())[0].GetProperty("last_used_utc").GetDateTime());
    }

    [Fact]
    public async Task Set_secret_still_replaces_every_secret_at_once()
    {
        var second = Generated(await Ok($"clients secrets add {Robot}"));

        await Ok($"clients set-secret {Robot} --secret robot-emergency-secret-0123456789");

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, FirstSecret), 401, "invalid_client");
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, second), 401, "invalid_client");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, "robot-emergency-secret-0123456789")).Status);
        Assert.Equal("original", Assert.Single(await SecretsAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bubble_clients_added_secret_comes_with_its_ready_authorization_header()
    {
        await Ok("clients add --client-id bubbly --grant token_exchange --grant refresh_token --scope sample-api.read "
            + "--scope offline_access --bubble-app-url https://myapp.bubbleapps.io");

        var added = await Ok("clients secrets add bubbly --retire-others-in 1.00:00:00");

        var header = added.Out.Split("(private; shown once): ")[1].Split('\n')[0].Trim();
        Assert.Equal(AuthServer.Administration.Bubble.ClientSecretBasic.HeaderValue("bubbly", Generated(added)), header);
    }

    [Fact]
    public async Task Every_client_authenticated_endpoint_accepts_a_live_added_secret_and_refuses_a_revoked_one()
    {
        await Ok("clients add --client-id bubbly --grant token_exchange --grant refresh_token --scope sample-api.read "
            + "--scope offline_access --bubble-app-url https://myapp.bubbleapps.io --secret bubbly-first-secret-0123456789");
        var second = Generated(await Ok("clients secrets add bubbly"));
        await Ok("clients secrets revoke bubbly original");
        await WithinBoundAsync(() => Tokens.RevokeSessionsAsync("1700000000000x100", "bubbly", "bubbly-first-secret-0123456789"));

        foreach (var (secret, status) in new[] { ("bubbly-first-secret-0123456789", 401), (second, 200) })
        {
            Assert.Equal(status, (await Tokens.RevokeSessionsAsync("1700000000000x100", "bubbly", secret)).Status);
            foreach (var path in new[] { "/connect/introspect", "/connect/revoke" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "unknown" }),
                };
                request.Headers.TryAddWithoutValidation("Authorization", Sessions.SessionTestClient.Basic("bubbly", secret));
                Assert.Equal(status, (int)(await Tokens.Http.SendAsync(request)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Adding_and_revoking_leave_audit_rows_naming_the_secret_never_its_value()
    {
        var secret = Generated(await Ok($"clients secrets add {Robot} --retire-others-in 2.00:00:00"));
        await Ok($"clients secrets revoke {Robot} original");

        var rows = (string)(await TestStore.ExecuteAsync(DatabaseFile,
            "SELECT string_agg(\"Action\" || ' ' || \"Detail\", '|') FROM \"AuditEvents\" WHERE \"ClientId\" = 'robot'".Replace(
                "string_agg", TestStore.IsPostgres ? "string_agg" : "group_concat"), scalar: true))!;
        Assert.Contains("client.secret_added", rows);
        Assert.Contains("other secrets expire", rows);
        Assert.Contains("client.secret_revoked secret original", rows);
        Assert.DoesNotContain(secret, rows);
    }

    [Theory]
    [InlineData("clients secrets add robot --expires-in soon", 1, "not a positive duration")]
    [InlineData("clients secrets add robot --expires-in -1.00:00:00", 1, "not a positive duration")]
    [InlineData("clients secrets add robot --retire-others-in 00:00:00", 1, "not a positive duration")]
    [InlineData("clients secrets add nobody", 1, "Unknown client")]
    [InlineData("clients secrets list nobody", 1, "Unknown client")]
    [InlineData("clients secrets revoke robot nosuch", 1, "has no secret 'nosuch'")]
    [InlineData("clients secrets revoke robot", 2, "Required argument missing")]
    public async Task Bad_input_exits_non_zero_with_one_line_on_stderr(string commandLine, int exitCode, string mentioned)
    {
        var result = await RunAsync(commandLine);

        Assert.True(result.ExitCode >= exitCode, $"{commandLine}: exit {result.ExitCode}");
        Assert.Contains(mentioned, result.Error);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, FirstSecret)).Status);
    }

    [Theory]
    [InlineData("clients secrets add")]
    [InlineData("clients secrets revoke {0} original")]
    public async Task Changing_the_secrets_of_a_client_declared_in_configuration_is_refused(string command)
    {
        var declared = new Dictionary<string, string?>
        {
            ["Clients:0:ClientId"] = TestClients.Script,
            ["Clients:0:ClientSecret"] = TestClients.ScriptSecret,
            ["Clients:0:GrantTypes:0"] = "client_credentials",
            ["Clients:0:Scopes:0"] = "sample-api.read",
        };

        var commandLine = command.Contains("{0}", StringComparison.Ordinal) ? string.Format(command, TestClients.Script) : $"{command} {TestClients.Script}";
        var result = await RunAsync(commandLine, declared);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is declared in configuration", result.Error);
        Assert.Equal("original", Assert.Single(JsonDocument.Parse(
            (await RunAsync($"clients secrets list {TestClients.Script} --json", declared)).Out).RootElement.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private static async Task<TokenResponse> WithinBoundAsync(Func<Task<TokenResponse>> request)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await request();
            if (response.Status != 200)
            {
                return response;
            }

            Assert.True(clock.Elapsed < AuthServer.Storage.ClientSecrets.ClientSecretRows.Lifetime + TimeSpan.FromSeconds(2),
                $"the revoked secret still worked after {clock.Elapsed}");
            await Task.Delay(50);
        }
    }

    /// <summary>Status, every header but the date, and the body, byte for byte.</summary>
    private static async Task AssertSameAnswerAsync(TokenResponse refused, TokenResponse wrong)
    {
        OAuthAssert.Error(refused, 401, "invalid_client");
        Assert.Equal(wrong.Status, refused.Status);
        Assert.Equal(await wrong.Response.Content.ReadAsByteArrayAsync(), await refused.Response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(wrong), Headers(refused));
    }

    private static string Headers(TokenResponse response) => string.Join("\n", response.Response.Headers.Concat(response.Response.Content.Headers)
        .Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
}
