using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// The page after a create or a rotation: the new secret, once (<see cref="OneTimeSecret"/>). A reload finds it
/// consumed and says so instead.
/// </summary>
public sealed class SecretModel(OneTimeSecret oneTime) : PageModel
{
    public (string ClientId, string Secret, string What)? Shown { get; private set; }

    public void OnGet() => Shown = oneTime.Take(TempData, User.Identity!.Name!);
}
