using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// The page after a create or a rotation: the new secret, once (<see cref="OneTimeSecret"/>). A reload finds it
/// consumed and says so instead. For a Bubble client it also shows the ready <c>Authorization: Basic …</c> value
/// the API Connector takes, once as well, so nobody has to url-encode and base64 <c>id:secret</c> by hand.
/// </summary>
public sealed class SecretModel(OneTimeSecret oneTime, ClientAdministration clients) : PageModel
{
    public (string ClientId, string Secret, string What)? Shown { get; private set; }

    /// <summary>The client_secret_basic value of the shown secret, when the client is bound to a Bubble app; else null.</summary>
    public string? BasicAuthorization { get; private set; }

    public async Task OnGetAsync()
    {
        Shown = oneTime.Take(TempData, User.Identity!.Name!);
        if (Shown is { } shown
            && await clients.GetAsync(shown.ClientId, HttpContext.RequestAborted) is { Settings.BubbleAppUrl: not null })
        {
            BasicAuthorization = ClientSecretBasic.HeaderValue(shown.ClientId, shown.Secret);
        }
    }
}
