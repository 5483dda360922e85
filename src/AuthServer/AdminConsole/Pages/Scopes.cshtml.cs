using AuthServer.Administration.ApiScopes;
using AuthServer.Operations.Logging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// Every scope with its resources and the clients using it; stored ones are created, edited (their resources) and
/// removed here, through the administration the CLI's <c>scopes</c> commands use; configured ones are read-only.
/// A change redirects (post, redirect, get), so a reload never repeats it.
/// </summary>
public sealed class ScopesModel(ScopeAdministration scopes) : PageModel
{
    public const string NameField = "Name";
    public const string ResourcesField = "Resources";

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Resources separated by spaces or commas.</summary>
    [BindProperty]
    public string? Resources { get; set; }

    public IReadOnlyList<ScopeSummary> Scopes { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The scope whose row the problems belong to; null for the creation form.</summary>
    public string? ProblemScope { get; private set; }

    public async Task OnGetAsync() => Scopes = await scopes.ListAsync(HttpContext.RequestAborted);

    public Task<IActionResult> OnPostCreateAsync() => ApplyAsync(null, actor =>
        scopes.CreateAsync(Name?.Trim() ?? "", Split(Resources), actor, NameField, ResourcesField, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUpdateAsync() => ApplyAsync(Name, actor =>
        scopes.UpdateAsync(Name ?? "", Split(Resources), actor, NameField, ResourcesField, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRemoveAsync() => ApplyAsync(Name, actor =>
        scopes.DeleteAsync(Name ?? "", actor, HttpContext.RequestAborted));

    private async Task<IActionResult> ApplyAsync(string? row, Func<string, Task<ScopeOutcome>> change)
    {
        var outcome = await change(ChangeActors.Admin(User.Identity!.Name!));
        if (ScopeRefusals.Describe(outcome) is { } refusal)
        {
            Problems = outcome is ScopeInvalid invalid ? invalid.Problems : [refusal];
            ProblemScope = row;
            Scopes = await scopes.ListAsync(HttpContext.RequestAborted);
            return Page();
        }

        Notice = outcome switch
        {
            ScopeCreated created => $"Scope '{created.Scope.Name}' created, granting {string.Join(", ", created.Scope.Resources)}: give it to a client.",
            ScopeUpdated updated => $"Scope '{updated.Scope.Name}' now grants {string.Join(", ", updated.Scope.Resources)}; tokens carry it within a second.",
            ScopeRemoved removed => $"Scope '{removed.Name}' removed.",
            _ => null,
        };
        return RedirectToPage();
    }

    internal static IReadOnlyList<string> Split(string? resources) =>
        (resources ?? "").Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
