using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using AuthServer.Administration.Admins;
using AuthServer.Operations.Logging;
using AuthServer.Options;

namespace AuthServer.AdminConsole;

/// <summary>
/// The console's own cookie session, apart from OpenIddict: HttpOnly, <c>SameSite=Strict</c>, Secure outside
/// Development, scoped to <c>/admin</c>, ending after <c>Admin:SessionLifetime</c> without a request. The cookie
/// carries the account's security stamp, so a sign-out or a removed account ends it at once on every node.
/// </summary>
public static class AdminCookie
{
    public const string Scheme = "AdminConsole";
    public const string Policy = "AdminConsole";
    public const string Name = "authserver-admin";
    public const string StampClaim = "authserver_admin_stamp";

    public static void Configure(CookieAuthenticationOptions cookie, AdminOptions admin, bool development)
    {
        cookie.Cookie.Name = Name;
        cookie.Cookie.Path = AdminPaths.Root;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = SecurePolicy(development);
        cookie.ExpireTimeSpan = admin.SessionLifetime;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = AdminPaths.SignIn;
        cookie.LogoutPath = AdminPaths.SignOut;
        cookie.AccessDeniedPath = AdminPaths.SignIn;
        cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
        // On its sign-in and sign-out paths the handler would redirect to the raw ReturnUrl query itself (a 500
        // when it holds a character a header cannot carry, and any local path); the pages redirect instead, the
        // sign-in page to the checked destination (AdminPaths.ReturnDestination).
        cookie.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
    }

    /// <summary>Plain HTTP on a developer's machine; everywhere else the browser sends the cookie over HTTPS only.</summary>
    public static CookieSecurePolicy SecurePolicy(bool development) =>
        development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static ClaimsPrincipal Principal(string name, string stamp) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(StampClaim, stamp)], Scheme));

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
        var signIn = context.HttpContext.RequestServices.GetRequiredService<AdminSignIn>();
        if (name is not null && stamp is not null && await signIn.IsSessionValidAsync(name, stamp, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.HttpContext.RequestServices.GetRequiredService<ILogger<AdminSignIn>>().AdminSessionEnded(name ?? "-");
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
