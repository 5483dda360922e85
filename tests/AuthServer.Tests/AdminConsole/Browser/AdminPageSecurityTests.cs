using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;
using Microsoft.Playwright;
using AuthServer.AdminConsole;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// What every console answer says to the browser (CSP without inline script, no framing, no cache...) and that
/// the pages load nothing from another origin and break no rule of their own policy.
/// </summary>
public sealed partial class AdminPageSecurityTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    [Fact]
    public async Task Every_kind_of_admin_answer_carries_the_security_headers()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answers = new List<(string What, IReadOnlyDictionary<string, string> Headers)>
        {
            ("redirect", Headers(await http.GetAsync(AdminUrl()))),
            ("not found", Headers(await http.GetAsync(AdminUrl("/nothing-here")))),
            ("asset", Headers(await http.GetAsync(AdminUrl("/admin.css")))),
            ("refused post", Headers(await http.PostAsync(AdminUrl("/SignIn"), new FormUrlEncodedContent([])))),
        };
        answers.Add(("sign-in page", (await Page.GotoAsync(AdminUrl("/SignIn")))!.Headers));
        await SignInAsync();
        answers.Add(("overview", (await Page.GotoAsync(AdminUrl()))!.Headers));

        foreach (var (what, headers) in answers)
        {
            Assert.True(headers.GetValueOrDefault("content-security-policy") == AdminResponseHeaders.ContentSecurityPolicy, what);
            Assert.True(headers.GetValueOrDefault("x-frame-options") == "DENY", what);
            Assert.True(headers.GetValueOrDefault("x-content-type-options") == "nosniff", what);
            Assert.True(headers.GetValueOrDefault("referrer-policy") == "no-referrer", what);
            Assert.True(headers.GetValueOrDefault("cache-control") == "no-store", what);
        }
    }

    [Fact]
    public async Task Admin_pages_load_nothing_from_another_origin_and_break_no_rule_of_their_policy()
    {
        var requested = new List<string>();
        var violations = new List<string>();
        Page.Request += (_, request) => requested.Add(request.Url);
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };

        await Page.GotoAsync(AdminUrl());
        var signInHtml = await Page.ContentAsync();
        await SignInAsync();
        var overviewHtml = await Page.ContentAsync();

        Assert.Contains(AdminUrl("/admin.css"), requested);
        Assert.Contains(AdminUrl("/admin.js"), requested);
        Assert.All(requested, url => Assert.StartsWith(Server.Url + "/", url));
        Assert.Empty(violations);
        foreach (var html in new[] { signInHtml, overviewHtml })
        {
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
            Assert.DoesNotMatch(ExternalReference(), html);
        }
    }

    [Fact]
    public async Task Stylesheet_and_script_are_served_by_authserver_with_their_types()
    {
        using var http = new HttpClient();

        var css = await http.GetAsync(AdminUrl("/admin.css"));
        var js = await http.GetAsync(AdminUrl("/admin.js"));

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("copy-buffer", await css.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-copy-target", await js.Content.ReadAsStringAsync());
    }

    private static IReadOnlyDictionary<string, string> Headers(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));

    // A <script> element with content (not only a src), which the policy would block.
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();

    [GeneratedRegex(@"(src|href|action)\s*=\s*""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
