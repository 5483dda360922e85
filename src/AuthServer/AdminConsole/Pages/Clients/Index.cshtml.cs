using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Clients;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>Every client, those declared in configuration marked read-only with where they come from.</summary>
public sealed class IndexModel(ClientAdministration clients) : PageModel
{
    /// <summary>What the last change did (a deletion), carried over its redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<ClientSummary> Clients { get; private set; } = [];

    public async Task OnGetAsync() => Clients = await clients.ListAsync(HttpContext.RequestAborted);
}
