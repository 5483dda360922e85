using Microsoft.AspNetCore.Mvc;

namespace AuthServer.AdminConsole;

/// <summary>
/// TempData for the console is the cookie provider (ASP.NET Core's default for Razor Pages): its value is
/// encrypted and signed with Data Protection, whose keys every node reads from the store, so its values are neither
/// readable nor forgeable in the browser. A new client secret is not among them: only the id under which the
/// server holds it once (<see cref="Pages.Clients.OneTimeSecret"/>). Like the session cookie: HttpOnly, <c>SameSite=Strict</c>, Secure outside Development, only under
/// <c>/admin</c>. The provider deletes the cookie once its values are read.
/// </summary>
public static class AdminTempData
{
    public const string CookieName = "authserver-admin-tempdata";

    public static void Configure(CookieTempDataProviderOptions options, bool development)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = AdminPaths.Root;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = AdminCookie.SecurePolicy(development);
        options.Cookie.IsEssential = true;
    }
}
