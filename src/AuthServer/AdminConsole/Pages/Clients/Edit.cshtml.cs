using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// One client's settings: editable when the console or the CLI made it; read-only, with where it is declared,
/// when configuration did (a forged POST gets the model's refusal).
/// </summary>
public sealed class EditModel(ClientAdministration clients, ClientValidation validation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ClientForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public ClientSummary? Client { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public IReadOnlySet<string> KnownScopes { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync()
    {
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        if (Client is null)
        {
            return NotFound();
        }

        Form = ClientForm.From(Client.Settings);
        KnownScopes = await validation.KnownScopesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (settings, problem) = Form.ToSettings(validation.AllowPrivateAddresses);
        var outcome = settings is null
            ? null
            : await clients.UpdateAsync(Id, settings, ChangeActors.Admin(User.Identity!.Name!), ClientForm.FieldName, HttpContext.RequestAborted);
        if (outcome is ClientUpdated updated)
        {
            Notice = string.Join(" ", ["Saved.", .. updated.Warnings]);
            return RedirectToPage("Edit", new { id = Id });
        }

        Problems = outcome is null ? [problem!] : ClientOutcomeText.Problems(outcome);
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        if (Client?.IsReadOnly == true)
        {
            Form = ClientForm.From(Client.Settings);
        }

        KnownScopes = await validation.KnownScopesAsync(HttpContext.RequestAborted);
        return Page();
    }
}
