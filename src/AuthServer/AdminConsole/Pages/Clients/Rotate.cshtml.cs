using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>Asks first (GET), then replaces the secret (POST); the new one is shown once on <see cref="SecretModel"/>.</summary>
public sealed class RotateModel(ClientAdministration clients, OneTimeSecret oneTime) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ClientSummary? Client { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Client is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await clients.RotateSecretAsync(Id, ChangeActors.Admin(User.Identity!.Name!), secret: null, ClientForm.FieldName,
            HttpContext.RequestAborted);
        if (outcome is ClientSecretRotated rotated)
        {
            oneTime.Hold(TempData, User.Identity!.Name!, rotated.ClientId, rotated.GeneratedSecret!, "has a new secret; the old one no longer works");
            return RedirectToPage("Secret");
        }

        Problems = ClientOutcomeText.Problems(outcome);
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Page();
    }
}
