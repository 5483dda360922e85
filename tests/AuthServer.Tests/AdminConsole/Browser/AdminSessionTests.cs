using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>The console's session: its cookie's flags, every page behind it, its end, and antiforgery on its forms.</summary>
public sealed class AdminSessionTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    [Fact]
    public async Task Session_cookie_is_httponly_secure_samesite_strict_scoped_to_admin_and_ends_with_the_browser()
    {
        await SignInAsync();

        var cookie = Assert.Single(await Context.CookiesAsync(), c => c.Name == "authserver-admin");

        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure, "outside Development the session cookie is sent over HTTPS only (browsers make an exception for loopback)");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/admin", cookie.Path);
        Assert.Equal(-1, cookie.Expires); // a session cookie; the sliding Admin:SessionLifetime is inside it
    }

    [Fact]
    public async Task Every_admin_page_redirects_to_sign_in_when_signed_out()
    {
        var pages = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText)
            .Where(path => !path.StartsWith("/admin/SignIn", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("/admin", pages);
        Assert.Contains("/admin/SignOut", pages);

        foreach (var path in pages)
        {
            await Page.GotoAsync(Server.Url + path);

            Assert.Equal(Server.Url + "/admin/SignIn?ReturnUrl=" + Uri.EscapeDataString(path), Page.Url);
        }
    }

    [Fact]
    public async Task Sign_out_ends_the_session_even_for_a_copy_of_its_cookie()
    {
        await SignInAsync();
        var copied = await SessionCookieHeaderAsync();
        using var http = RawClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/admin", copied)).StatusCode);

        await Page.ClickAsync("header form button[type=submit]");

        Assert.StartsWith(AdminUrl("/SignIn"), Page.Url);
        await Page.GotoAsync(AdminUrl());
        Assert.StartsWith(AdminUrl("/SignIn"), Page.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(http, "/admin", copied)).StatusCode);
        Assert.True(Logs.HasEvent(5004));
    }

    [Fact]
    public async Task Removed_admin_loses_their_session_at_the_next_request()
    {
        await SignInAsync();

        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins remove {AdminName}")).ExitCode);
        await Page.GotoAsync(AdminUrl());

        Assert.StartsWith(AdminUrl("/SignIn"), Page.Url);
    }

    [Fact]
    public async Task Post_without_an_antiforgery_token_is_refused_with_400_and_does_nothing()
    {
        await SignInAsync();
        var session = await SessionCookieHeaderAsync();
        using var http = RawClient();

        using var post = new HttpRequestMessage(HttpMethod.Post, AdminUrl("/SignOut")) { Content = new FormUrlEncodedContent([]) };
        post.Headers.Add("Cookie", session);
        var refused = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/admin", session)).StatusCode); // still signed in
        Assert.Contains("__RequestVerificationToken", await Page.ContentAsync()); // the page's own form carries one
    }

    private async Task<string> SessionCookieHeaderAsync() =>
        string.Join("; ", (await Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

    private static HttpClient RawClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    private async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.Url + path);
        request.Headers.Add("Cookie", cookies);
        return await http.SendAsync(request);
    }
}
