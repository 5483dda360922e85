using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Admins;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// Name and password, checked by <see cref="AdminSignIn"/>. A wrong password and an unknown name get the same
/// answer, and so does a locked name, known or not; the password is never written back into the page.
/// </summary>
public sealed class SignInModel(AdminSignIn signIn, AdminAccounts accounts, IWebHostEnvironment environment) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [FromQuery(Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    /// <summary>
    /// Outside Development the session cookie is Secure, which browsers keep only over HTTPS or from a loopback
    /// address: anywhere else a sign-in over plain HTTP would seem to do nothing, so the page says why.
    /// </summary>
    public bool SessionWouldNotStick => !Request.IsHttps && !environment.IsDevelopment() && !IsLoopback(Request.Host.Host);

    /// <summary>Nobody can sign in yet: the page says how to add the first admin (a fact the start log tells as well).</summary>
    public bool NoAdminYet { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Destination());
        }

        NoAdminYet = !await accounts.AnyAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(Name ?? "", Password ?? "", HttpContext.RequestAborted);
        Password = null;
        NoAdminYet = outcome is not SignInOutcome.Succeeded && !await accounts.AnyAsync(HttpContext.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.Succeeded success:
                await HttpContext.SignInAsync(AdminCookie.Scheme, AdminCookie.Principal(success.Name, success.SecurityStamp));
                return LocalRedirect(Destination());
            case SignInOutcome.LockedOut locked:
                Message = $"Too many wrong passwords: sign-in with this name is locked until {locked.UntilUtc:HH:mm:ss} UTC.";
                break;
            default:
                Message = "Wrong name or password.";
                break;
        }

        return Page();
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private string Destination() => AdminPaths.ReturnDestination(ReturnUrl);
}
