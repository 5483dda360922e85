using System.Net;
using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole;

/// <summary>
/// The console's Secrets page of a client, over HTTP: dates but never values, a secret added with a grace period for
/// the others, a revocation that takes effect at the next request, and, for a Bubble client, the setup page that shows
/// the new Authorization value once and says until when the previous one works.
/// </summary>
public sealed class AdminClientSecretsPageTests : ServerTest
{
    private const string FirstSecret = "robot-first-secret-0123456789";
    private AdminHttpSession _console = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminHttpSession.AdminName}",
            AdminHttpSession.AdminPassword + "\n")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url,
            $"clients add --client-id robot --grant client_credentials --scope sample-api.read --secret {FirstSecret}")).ExitCode);
        _console = new AdminHttpSession(Server.Url);
        await _console.SignInAsync();
    }

    public override async Task DisposeAsync()
    {
        _console.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Adding_with_a_grace_period_keeps_the_old_secret_until_then_and_revoking_it_stops_it_at_the_next_request()
    {
        using var added = await PostAsync("robot", "Add", new() { ["RetireOthersIn"] = "2.00:00:00", ["ExpiresIn"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var shown = await (await _console.GetAsync(added.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        var secret = WebUtility.HtmlDecode(Regex.Match(shown, "<pre id=\"client-secret\">([^<]+)</pre>").Groups[1].Value);
        Assert.Contains("the other secrets keep working until", WebUtility.HtmlDecode(shown));

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", secret)).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", FirstSecret)).Status);
        var page = await PageAsync("robot");
        Assert.Contains("id=\"secret-original\"", page);
        Assert.Matches(new Regex(@"<tr id=""secret-original"">(?:(?!</tr>).)*" + Regex.Escape(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd")), RegexOptions.Singleline), page);
        Assert.DoesNotContain(secret, page);

        using var revoked = await PostAsync("robot", "Revoke", new() { ["SecretId"] = "original" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        // Through this node's own administration layer: no cache bound to wait for.
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync("robot", FirstSecret), 401, "invalid_client");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", secret)).Status);
        Assert.Contains("Secret original revoked", await PageAsync("robot"));
    }

    [Fact]
    public async Task A_bubble_clients_setup_page_shows_the_new_authorization_value_once_and_until_when_the_previous_works()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "clients add --client-id bubbly --grant token_exchange "
            + "--grant refresh_token --scope sample-api.read --scope offline_access --bubble-app-url https://myapp.bubbleapps.io")).ExitCode);

        using var added = await PostAsync("bubbly", "Add", new() { ["RetireOthersIn"] = "7.00:00:00" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("handler=Setup", added.Headers.Location!.OriginalString);
        var setup = WebUtility.HtmlDecode(await (await _console.GetAsync(added.Headers.Location.OriginalString)).Content.ReadAsStringAsync());

        var header = Regex.Match(setup, "<pre id=\"authorization-header\">([^<]+)</pre>").Groups[1].Value;
        Assert.StartsWith("Basic ", header);
        Assert.Matches("the previous header keeps working until " + Regex.Escape(DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd")), setup);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "unknown" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        Assert.Equal(200, (int)(await Tokens.Http.SendAsync(request)).StatusCode);

        var again = WebUtility.HtmlDecode(await (await _console.GetAsync(added.Headers.Location.OriginalString)).Content.ReadAsStringAsync());
        Assert.DoesNotContain(header, again);
        Assert.Contains("the previous header keeps working until", again);
    }

    [Fact]
    public async Task A_client_declared_in_configuration_lists_its_secret_and_refuses_a_forged_addition()
    {
        var page = await PageAsync(TestClients.Script);
        Assert.Contains("id=\"read-only-note\"", page);
        Assert.DoesNotContain("id=\"add-secret\"", page);

        using var forged = await PostAsync(TestClients.Script, "Add", new() { ["RetireOthersIn"] = "" },
            formPath: "/admin/Clients/Secrets?id=robot");

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("declared in configuration", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private async Task<string> PageAsync(string clientId) =>
        WebUtility.HtmlDecode(await (await _console.GetAsync($"/admin/Clients/Secrets?id={clientId}")).Content.ReadAsStringAsync());

    private async Task<HttpResponseMessage> PostAsync(string clientId, string handler, Dictionary<string, string> fields, string? formPath = null)
    {
        var token = await _console.FormTokenAsync(formPath ?? $"/admin/Clients/Secrets?id={clientId}");
        return await _console.PostFormAsync($"/admin/Clients/Secrets?id={clientId}&handler={handler}", token, fields);
    }
}
