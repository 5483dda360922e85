using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Sessions;
using AuthServer.Operations.Logging;
using AuthServer.Sessions;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// A Bubble user's sessions (refresh chains), found by user id or email, as <c>sessions list</c> prints them, and
/// ending one or all of them. The search and each confirmation step are GETs (links can be shared, nothing needs a
/// script); the end is a POST (antiforgery) answered by a redirect back to the search. <see cref="SessionAdministration"/>
/// does the work and audits it.
/// </summary>
public sealed class UsersModel(SessionAdministration sessions) : PageModel
{
    /// <summary>A user id, or an email (it holds an <c>@</c>; a Bubble user id never does).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The chain whose end is being confirmed, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "end")]
    public string? ConfirmEnd { get; set; }

    /// <summary>Whether the end of every listed session is being confirmed.</summary>
    [FromQuery(Name = "endAll")]
    public bool ConfirmEndAll { get; set; }

    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];

    /// <summary>The search could name no one (too long, control characters): nothing was looked up, the page says so.</summary>
    public bool InvalidSearch { get; private set; }

    public bool SearchesEmail => Search?.Contains('@') == true;

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        Search = Search?.Trim() is { Length: > 0 } search ? search : null;
        if (Search is null)
        {
            return;
        }

        if (!SessionEnding.IsSearchable(Search))
        {
            InvalidSearch = true;
            Search = Search[..Math.Min(Search.Length, SessionEnding.MaxSearchLength)];
            return;
        }

        Sessions = await sessions.ListAsync(Query(Search), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostEndAsync(string chain)
    {
        var ended = await sessions.EndAsync(chain ?? "", Actor, HttpContext.RequestAborted);
        Done = ended == 1 ? $"Session {chain} ended." : $"Session {chain} had ended already; nothing changed.";
        return RedirectToPage(new { q = Search });
    }

    public async Task<IActionResult> OnPostEndAllAsync()
    {
        var search = Search?.Trim() ?? "";
        var ended = SessionEnding.IsSearchable(search) ? await sessions.EndAllAsync(Query(search), Actor, HttpContext.RequestAborted) : 0;
        Done = ended == 0 ? "No session was left to end; nothing changed." : $"Ended {ended} session(s) of {Who(search)}.";
        return RedirectToPage(new { q = search });
    }

    public static string Who(string search) => search.Contains('@') ? $"email {search}" : $"user {search}";

    private static SessionQuery Query(string search) =>
        search.Contains('@') ? new SessionQuery(Email: search) : new SessionQuery(UserId: search);

    private string Actor => ChangeActors.Admin(User.Identity!.Name!);
}
