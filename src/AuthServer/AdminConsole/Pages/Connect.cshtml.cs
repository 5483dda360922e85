using AuthServer.Bubble;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// "Connect a Bubble app", in four steps: 1. the app's address, checked for shape (a GET form: nothing changes);
/// 2. the client id, scopes and claims; 3. the client is created (POST); 4. what to paste into Bubble. Step 4 is
/// the POST's own answer, so the generated secret travels in that one response only and is in no hidden field,
/// cookie or redirect; <c>?handler=Guide</c> shows step 4 again for any Bubble client, without it.
/// </summary>
public sealed class ConnectModel(ConnectWizard wizard, ClientAdministration clients, BubbleConnectionGuide guide,
    Microsoft.Extensions.Options.IOptions<AuthServer.Options.BubbleOptions> bubble) : PageModel
{
    public int Step { get; private set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? AppUrl { get; set; }

    [BindProperty]
    public string? ClientId { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public string? Claims { get; set; }

    public BubbleAppUrlVerdict? Verdict { get; private set; }

    /// <summary>The scopes step 2 lists, each available or with the reason it is not.</summary>
    public IReadOnlyList<ScopeChoice> ScopeChoices { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public BubbleConnection? Connection { get; private set; }

    /// <summary>Whether step 4 shows the secret, which only the answer that created the client does.</summary>
    public bool SecretShown { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
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
        Verdict = BubbleAppUrlCheck.Check(AppUrl, bubble.Value.AllowPrivateAddresses == true);
        if (!Verdict.IsAcceptable)
        {
            return Page();
        }

        AppUrl = Verdict.NormalizedUrl!;
        var claims = ConnectWizard.ParseClaims(Claims);
        var outcome = await wizard.CreateAsync((ClientId ?? "").Trim(), AppUrl, Scopes, claims, User.Identity!.Name!,
            HttpContext.RequestAborted);
        if (outcome is ClientCreated created)
        {
            SecretShown = created.GeneratedSecret is not null;
            Warnings = created.Warnings;
            return ShowGuide(created.Client, created.GeneratedSecret);
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

    public async Task<IActionResult> OnGetGuideAsync(string? clientId)
    {
        if (clientId is not null && await clients.GetAsync(clientId, HttpContext.RequestAborted) is { Settings.BubbleAppUrl: not null } client)
        {
            return ShowGuide(client, secret: null);
        }

        Problems = [$"No client named {clientId} is bound to a Bubble app."];
        return Page();
    }

    private PageResult ShowGuide(ClientSummary client, string? secret)
    {
        ClientId = client.ClientId;
        AppUrl = client.Settings.BubbleAppUrl;
        Verdict = BubbleAppUrlCheck.Check(AppUrl, bubble.Value.AllowPrivateAddresses == true);
        Connection = guide.For(
            new BubbleConnectionRequest(client.ClientId, secret, AppUrl!, client.Settings.Scopes, client.Settings.BubbleClaims),
            $"{Request.Scheme}://{Request.Host}");
        Step = 4;
        return Page();
    }
}
