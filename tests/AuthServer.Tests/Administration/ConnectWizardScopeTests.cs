using System.Net;
using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Administration;

/// <summary>
/// Step 2 of "Connect a Bubble app" offers only what step 3 accepts: a scope whose audience a client of another
/// Bubble app or version already reaches is shown unticked and disabled, with the reason and what to do instead.
/// </summary>
public sealed partial class ConnectWizardScopeTests : ServerTest
{
    private const string BoundApp = "https://bound.bubbleapps.io";

    private AdminHttpSession _console = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scopes:2:Name"] = "reports.read",
        ["Scopes:2:Resources:0"] = "reports-api",
        ["Clients:1:ClientId"] = "bound-app",
        ["Clients:1:ClientSecret"] = "a-long-enough-secret-for-the-bound-app",
        ["Clients:1:GrantTypes:0"] = "token_exchange",
        ["Clients:1:Scopes:0"] = "sample-api.read",
        ["Clients:1:BubbleAppUrl"] = BoundApp,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminHttpSession.AdminName}", AdminHttpSession.AdminPassword + "\n");
        Assert.Equal(0, added.ExitCode);
        _console = new AdminHttpSession(Server.Url);
        await _console.SignInAsync();
    }

    public override async Task DisposeAsync()
    {
        _console.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Scopes_whose_audience_another_bubble_binding_reaches_are_not_preselected_but_disabled_with_the_reason()
    {
        var html = await StepTwoAsync("https://other.bubbleapps.io/version-test");

        foreach (var taken in new[] { "sample-api.read", "sample-api.write" })
        {
            var box = Checkbox(html, taken);
            Assert.Contains("disabled", box);
            Assert.DoesNotContain("checked", box);
        }

        Assert.DoesNotContain("disabled", Checkbox(html, "reports.read"));
        Assert.Contains("checked", Checkbox(html, "reports.read"));
        Assert.Contains("checked", Checkbox(html, "offline_access"));
        var reason = WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"hint\" id=\"unavailable-sample-api.read\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Contains("bound-app", reason);
        Assert.Contains(BoundApp, reason);
        Assert.Contains("Bubble:SharedAudiences", reason);
    }

    [Fact]
    public async Task The_preselected_scopes_are_accepted_when_the_client_is_created()
    {
        var html = await StepTwoAsync("https://other.bubbleapps.io");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var ticked = CheckboxPattern().Matches(html).Where(m => m.Value.Contains("checked") && !m.Value.Contains("disabled"))
            .Select(m => m.Groups["scope"].Value).ToList();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/Connect?handler=Create")
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
                new("AppUrl", "https://other.bubbleapps.io"),
                new("ClientId", "other-app"),
                .. ticked.Select(scope => new KeyValuePair<string, string>("Scopes", scope))]),
        };
        using var response = await _console.SendAsync(request);

        Assert.Equal(["reports.read", "offline_access"], ticked);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // created: on to its Bubble setup page
        Assert.Equal("/admin/Connect?clientId=other-app&handler=Setup", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_client_with_offline_access_alone_is_refused_with_what_to_do_since_its_every_exchange_would_fail()
    {
        var html = await StepTwoAsync("https://other.bubbleapps.io/version-test");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/Connect?handler=Create")
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
                new("AppUrl", "https://other.bubbleapps.io/version-test"),
                new("ClientId", "scopeless-app"),
                new("Scopes", "offline_access")]),
        };
        using var response = await _console.SendAsync(request);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, not a redirect to a setup page
        Assert.Contains("Choose at least one API scope besides offline_access", page);
        Assert.Contains("Scopes:N:Resources:M", page);
        await using var scope = Server.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AuthServer.Administration.Clients.ClientAdministration>()
            .GetAsync("scopeless-app", CancellationToken.None)); // nothing was created
    }

    [Fact]
    public async Task The_app_already_bound_is_offered_its_own_audiences()
    {
        var html = await StepTwoAsync(BoundApp);

        Assert.Contains("checked", Checkbox(html, "sample-api.read"));
        Assert.DoesNotContain("disabled", Checkbox(html, "sample-api.read"));
    }

    private async Task<string> StepTwoAsync(string appUrl)
    {
        using var response = await _console.GetAsync("/admin/Connect?AppUrl=" + Uri.EscapeDataString(appUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Step 2 of 4", html);
        return html;
    }

    private static string Checkbox(string html, string scope) =>
        Assert.Single(CheckboxPattern().Matches(html), m => m.Groups["scope"].Value == scope).Value;

    [GeneratedRegex("<input type=\"checkbox\" name=\"Scopes\" value=\"(?<scope>[^\"]+)\"[^>]*>")]
    private static partial Regex CheckboxPattern();
}
