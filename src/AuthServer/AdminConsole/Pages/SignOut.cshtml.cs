using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Admins;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// Sign-out is a POST (with its antiforgery token), so another site cannot sign an admin out. It changes the
/// account's security stamp, so the session cookie stops working even if a copy of it is replayed.
/// </summary>
public sealed class SignOutModel(AdminSignIn signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(User.Identity!.Name!, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(AdminCookie.Scheme);
        return Redirect(AdminPaths.SignIn);
    }
}
