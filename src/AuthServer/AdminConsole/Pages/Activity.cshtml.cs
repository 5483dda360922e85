using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Audit;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// The audit trail, newest first, <see cref="PageSize"/> events a page, of every client or of one. Paging and the
/// filter are the query string of a GET, so links can be shared and nothing needs a script.
/// </summary>
public sealed class ActivityModel(AdminAudit audit) : PageModel
{
    public const int PageSize = 25;

    /// <summary>At most as long as a stored client id: longer cannot match, and is not echoed back whole.</summary>
    private const int MaxClientIdLength = 100;

    [FromQuery(Name = "client")]
    public string? ClientId { get; set; }

    // Not "page": Razor Pages routes on that name.
    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Events { get; private set; } = null!;

    /// <summary>The filter could name no client (a control character): nothing is looked up, the page says so.</summary>
    public bool InvalidClientId { get; private set; }

    public async Task OnGetAsync()
    {
        ClientId = ClientId?.Trim() is { Length: > 0 } id ? id[..Math.Min(id.Length, MaxClientIdLength)] : null;
        PageNumber = Math.Max(1, PageNumber);
        // The rule every client id follows; PostgreSQL cannot even compare a string holding a NUL.
        if (ClientId is not null && !AuthServer.Clients.ClientRules.CanNameAClient(ClientId))
        {
            InvalidClientId = true;
            ClientId = null;
            Events = new AuditPage([], 1, PageSize, 0);
            return;
        }

        Events = await audit.RecentAsync(PageNumber, PageSize, ClientId, HttpContext.RequestAborted);
    }
}
