using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>A new client with a generated secret, shown once on <see cref="SecretModel"/> after the redirect.</summary>
public sealed class CreateModel(ClientAdministration clients, ClientValidation validation, OneTimeSecret oneTime) : PageModel
{
    [BindProperty]
    public string? ClientId { get; set; }

    [BindProperty]
    public ClientForm Form { get; set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlySet<string> KnownScopes { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync() => KnownScopes = await validation.KnownScopesAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var (settings, problem) = Form.ToSettings(validation.AllowPrivateAddresses);
        if (settings is null)
        {
            return await RefusedAsync([problem!]);
        }

        var outcome = await clients.CreateAsync((ClientId ?? "").Trim(), settings, secret: null,
            ChangeActors.Admin(User.Identity!.Name!), ClientForm.FieldName, HttpContext.RequestAborted);
        if (outcome is not ClientCreated created)
        {
            return await RefusedAsync(ClientOutcomeText.Problems(outcome));
        }

        oneTime.Hold(TempData, User.Identity!.Name!, created.Client.ClientId, created.GeneratedSecret!, "created");
        return RedirectToPage("Secret");
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<string> problems)
    {
        Problems = problems;
        await OnGetAsync();
        return Page();
    }
}
