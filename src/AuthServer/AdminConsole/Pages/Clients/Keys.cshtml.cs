using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// Registers a client's public keys for private_key_jwt, pasted as a JWKS, through the same
/// <see cref="ClientAdministration.SetKeysAsync"/> as <c>clients set-jwks</c>; a private or symmetric key is refused.
/// </summary>
public sealed class KeysModel(ClientAdministration clients) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string Jwks { get; set; } = "";

    [BindProperty]
    public bool PrivateKeyJwtOnly { get; set; }

    public ClientSummary? Client { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Client is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await clients.SetKeysAsync(Id, Jwks ?? "", PrivateKeyJwtOnly, ChangeActors.Admin(User.Identity!.Name!),
            "The JWKS", HttpContext.RequestAborted);
        if (outcome is ClientKeysSet set)
        {
            Done = $"{set.KeyCount} public key(s) registered"
                + (set.PrivateKeyJwtOnly ? "; the client's secrets are refused from now on." : "; its secrets still work.");
        }
        else
        {
            Problems = ClientOutcomeText.Problems(outcome);
        }

        // Never echoed: a refused paste may hold a private key, which must not travel back or sit in a form.
        Jwks = "";

        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Client is null ? NotFound() : Page();
    }
}
