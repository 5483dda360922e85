using AuthServer.AdminConsole.Pages.Clients;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using AuthServer.Bubble;
using AuthServer.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// "Connect a Bubble app", in four steps: 1. the app's address, checked for shape (a GET form: nothing changes);
/// 2. the client id, scopes and claims; 3. the client is created (POST, then a redirect); 4. what to paste into
/// Bubble. The POST answers with a redirect to the client's Bubble setup page (<c>?handler=Setup&amp;clientId=…</c>),
/// so a reload repeats a GET, never the create. The generated secret waits for that page in
/// <see cref="OneTimeSecret"/>, which hands it over once: the redirect's answer shows it (steps 3 and 4), a reload
/// shows the same page without it. The setup page serves any Bubble client at any time, without the secret.
/// </summary>
public sealed class ConnectModel(ConnectWizard wizard, ClientAdministration clients, BubbleConnectionGuide guide,
    IOptions<BubbleOptions> bubble, OneTimeSecret oneTime, ClientSecretAdministration secrets,
    ConnectWithNewScope withNewScope) : PageModel
{
    /// <summary>1 or 2 for the form steps; 4 for the guide, which steps 3 (just created) and 4 share.</summary>
    public int Step { get; private set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? AppUrl { get; set; }

    [BindProperty]
    public string? ClientId { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public string? Claims { get; set; }

    /// <summary>A scope to create with the client (optional), granting <see cref="NewScopeResource"/>.</summary>
    [BindProperty]
    public string? NewScope { get; set; }

    [BindProperty]
    public string? NewScopeResource { get; set; }

    public BubbleAppUrlVerdict? Verdict { get; private set; }

    /// <summary>The scopes step 2 lists, each available or with the reason it is not.</summary>
    public IReadOnlyList<ScopeChoice> ScopeChoices { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Shown by the guide's first card; none since the wizard redirects (see <see cref="OnPostCreateAsync"/>).</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    public BubbleConnection? Connection { get; private set; }

    /// <summary>The new secret, on the one answer that shows it (right after the create); null otherwise.</summary>
    public string? Secret { get; private set; }

    /// <summary>Whether the guide shows the secret, which only the first answer after the create does.</summary>
    public bool SecretShown => Secret is not null;

    /// <summary>Whether the setup page offers a rotation: not for a client from configuration, which is read-only here.</summary>
    public bool CanRotate { get; private set; }

    /// <summary>
    /// During a rotation (the client has several live secrets): that the previous Authorization value still works, and
    /// until when. Its value is not known (only hashes are stored), so the page can only say so; null otherwise.
    /// </summary>
    public string? RotationNote { get; private set; }

    /// <summary>Why Bubble's servers cannot reach this server's token endpoint (<see cref="IssuerReachability"/>), or null.</summary>
    public string? Reachability { get; private set; }

    /// <summary>The "Step N of 4" line: the form steps, then steps 3 and 4 together right after the create; none on a later visit.</summary>
    public string? StepCounter => Step switch
    {
        1 or 2 => $"Step {Step} of 4",
        _ when SecretShown => "Steps 3 and 4 of 4",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        Reachability = ReachabilityWarning();
        if (AppUrl is null)
        {
            return Page();
        }

        Verdict = BubbleAppUrlCheck.Check(AppUrl, bubble.Value.AllowPrivateAddresses == true);
        if (!Verdict.IsAcceptable)
        {
            return Page();
        }

        AppUrl = Verdict.NormalizedUrl;
        ClientId = await wizard.SuggestClientIdAsync(Verdict, HttpContext.RequestAborted);
        ScopeChoices = await wizard.ScopeChoicesAsync(ClientId, AppUrl!, HttpContext.RequestAborted);
        // Ticked: every scope the create accepts. One it would refuse is shown disabled, with the reason.
        Scopes = [.. ScopeChoices.Where(c => c.IsAvailable).Select(c => c.Name)];
        Step = 2;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        Reachability = ReachabilityWarning();
        Verdict = BubbleAppUrlCheck.Check(AppUrl, bubble.Value.AllowPrivateAddresses == true);
        if (!Verdict.IsAcceptable)
        {
            return Page();
        }

        AppUrl = Verdict.NormalizedUrl!;
        var claims = ConnectWizard.ParseClaims(Claims);
        var admin = User.Identity!.Name!;
        var outcome = await withNewScope.CreateAsync((ClientId ?? "").Trim(), AppUrl, Scopes, NewScope,
            ScopesModel.Split(NewScopeResource), claims, admin, HttpContext.RequestAborted);
        if (outcome is ClientCreated created)
        {
            // No warning to carry over: the rules warn only of client_credentials, a grant the wizard never gives.
            oneTime.Hold(TempData, admin, created.Client.ClientId, created.GeneratedSecret!, "created");
            return RedirectToPage("/Connect", "Setup", new { clientId = created.Client.ClientId });
        }

        Problems = outcome switch
        {
            ClientInvalid invalid => invalid.Problems,
            ClientAlreadyExists exists => [$"A client named {exists.ClientId} exists already: choose another client id."],
            ClientDeclaredInConfiguration declared => [$"Configuration declares a client named {declared.ClientId}: choose another client id."],
            _ => ["The client could not be created."],
        };
        ScopeChoices = await wizard.ScopeChoicesAsync((ClientId ?? "").Trim(), AppUrl, HttpContext.RequestAborted);
        Step = 2;
        return Page();
    }

    /// <summary>
    /// The Bubble setup page of <paramref name="clientId"/>: its guide, and right after the wizard created it (the
    /// redirect's answer, once) its secret and ready Authorization value.
    /// </summary>
    public async Task<IActionResult> OnGetSetupAsync(string? clientId)
    {
        Reachability = ReachabilityWarning();
        if (clientId is null || await clients.GetAsync(clientId, HttpContext.RequestAborted) is not { Settings.BubbleAppUrl: not null } client)
        {
            Problems = [$"No client named {clientId} is bound to a Bubble app."];
            return Page();
        }

        Secret = oneTime.TakeFor(TempData, User.Identity!.Name!, client.ClientId)?.Secret;
        RotationNote = await RotationNoteAsync(client.ClientId);

        ClientId = client.ClientId;
        CanRotate = !client.IsReadOnly;
        AppUrl = client.Settings.BubbleAppUrl;
        Verdict = BubbleAppUrlCheck.Check(AppUrl, bubble.Value.AllowPrivateAddresses == true);
        Connection = guide.For(
            new BubbleConnectionRequest(client.ClientId, Secret, AppUrl!, client.Settings.Scopes, client.Settings.BubbleClaims),
            RequestOrigin);
        Step = 4;
        return Page();
    }

    private string RequestOrigin => $"{Request.Scheme}://{Request.Host}";

    private async Task<string?> RotationNoteAsync(string clientId)
    {
        if (await secrets.ListAsync(clientId, HttpContext.RequestAborted) is not ClientSecretList list
            || list.Secrets.Where(s => s.State == AuthServer.Storage.ClientSecrets.ClientSecretState.Live).Skip(1).ToList() is not { Count: > 0 } previous)
        {
            return null;
        }

        var now = Secret is null ? "The newest Authorization value works" : "The new Authorization value above works now";
        return previous.All(s => s.ExpiresUtc is not null)
            ? $"{now}, and the previous header keeps working until {AdminDates.Format(previous.Max(s => s.ExpiresUtc))}: "
              + "paste the new value into the API Connector before then; after it, the previous one is refused."
            : $"{now}, and the previous header keeps working until its secret is revoked on the client's Secrets page.";
    }

    /// <summary>
    /// Checked on the token endpoint the guide shows (so the two never disagree), from step 1 on: a builder learns
    /// that Bubble cannot reach this server before creating anything.
    /// </summary>
    private string? ReachabilityWarning() => IssuerReachability.Warning(
        guide.For(new BubbleConnectionRequest("-", null, "https://app.bubbleapps.io", [], []), RequestOrigin).TokenEndpoint);
}
