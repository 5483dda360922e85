using System.Globalization;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// A client's several secrets (<see cref="ClientSecretAdministration"/>): each with its dates, never its value; add
/// one, optionally retiring the others after a grace period (rotation without downtime); revoke one at once. The new
/// secret is shown once, on the Secret page, or for a Bubble client on its Bubble setup page with its Authorization value.
/// </summary>
public sealed class SecretsModel(ClientAdministration clients, ClientSecretAdministration secrets, OneTimeSecret oneTime) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>d.hh:mm:ss; empty: the new secret never expires.</summary>
    [BindProperty]
    public string? ExpiresIn { get; set; }

    /// <summary>d.hh:mm:ss; empty: the other secrets keep working until revoked.</summary>
    [BindProperty]
    public string? RetireOthersIn { get; set; } = Duration(ClientSecretAdministration.DefaultGracePeriod);

    [BindProperty]
    public string? SecretId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public ClientSummary? Client { get; private set; }

    public IReadOnlyList<ClientSecretSummary> Secrets { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var (expiresIn, retireIn) = (Parse(ExpiresIn, "Expires in"), Parse(RetireOthersIn, "Retire the other secrets in"));
        if (expiresIn.Problem is null && retireIn.Problem is null)
        {
            var outcome = await secrets.AddAsync(Id, secret: null, expiresIn.Value, retireIn.Value, ChangeActors.Admin(User.Identity!.Name!),
                field => field switch { "expires-in" => "Expires in", "retire-others-in" => "Retire the other secrets in", _ => field },
                HttpContext.RequestAborted);
            if (outcome is ClientSecretAdded added)
            {
                var others = added.OthersExpireUtc is { } until ? $"the other secrets keep working until {AdminDates.Format(until)}" : "the other secrets keep working";
                oneTime.Hold(TempData, User.Identity!.Name!, added.ClientId, added.GeneratedSecret!, $"has a new secret ({added.SecretId}); {others}");
                return (await clients.GetAsync(Id, HttpContext.RequestAborted))?.Settings.BubbleAppUrl is not null
                    ? RedirectToPage("/Connect", "Setup", new { clientId = added.ClientId })
                    : RedirectToPage("Secret");
            }

            Problems = ClientOutcomeText.Problems(outcome);
        }
        else
        {
            Problems = [.. new[] { expiresIn.Problem, retireIn.Problem }.OfType<string>()];
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        var outcome = await secrets.RevokeAsync(Id, SecretId ?? "", ChangeActors.Admin(User.Identity!.Name!), HttpContext.RequestAborted);
        if (outcome is ClientSecretRevoked revoked)
        {
            Notice = $"Secret {revoked.SecretId} revoked: it no longer works.";
            return RedirectToPage("Secrets", new { id = Id });
        }

        Problems = outcome is ClientSecretNotFound missing ? [$"Client '{missing.ClientId}' has no secret '{missing.SecretId}'."] : ClientOutcomeText.Problems(outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        Client = await clients.GetAsync(Id, HttpContext.RequestAborted);
        if (Client is null)
        {
            return false;
        }

        Secrets = (await secrets.ListAsync(Id, HttpContext.RequestAborted)) is ClientSecretList list ? list.Secrets : [];
        return true;
    }

    private static (TimeSpan? Value, string? Problem) Parse(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? (value, null)
        : (null, $"{field} must be a positive duration (d.hh:mm:ss, e.g. 7.00:00:00 for 7 days), or empty.");

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
