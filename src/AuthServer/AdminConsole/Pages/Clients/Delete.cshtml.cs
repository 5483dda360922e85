using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>Deletes a client once the admin has typed its id, so a stray click (or a replayed form) deletes nothing.</summary>
public sealed class DeleteModel(ClientAdministration clients) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Confirmation { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public ClientSummary? Client { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Client is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.Equals(Confirmation?.Trim(), Id, StringComparison.Ordinal))
        {
            Problems = ["Not deleted: type the client id exactly to confirm."];
        }
        else if (await clients.DeleteAsync(Id, ChangeActors.Admin(User.Identity!.Name!), HttpContext.RequestAborted) is var outcome
            and not ClientDeleted)
        {
            Problems = ClientOutcomeText.Problems(outcome);
        }
        else
        {
            Notice = $"Client '{Id}' deleted: it gets no more tokens.";
            return RedirectToPage("Index");
        }

        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        return Page();
    }
}
