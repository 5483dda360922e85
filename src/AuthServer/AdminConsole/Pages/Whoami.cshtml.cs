using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// "Test whoami": a pasted Bubble user token, tried against the chosen client's app by <see cref="WhoamiProbe"/>.
/// The token is a handler argument, not a bound property, so the page has no way to write it back; it is neither
/// kept nor logged, and the answer is rendered straight from the POST (nothing to carry to a redirect).
/// </summary>
public sealed class WhoamiModel(ClientAdministration clients, WhoamiProbe probe) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ClientId { get; set; }

    public IReadOnlyList<ClientSummary> BubbleClients { get; private set; } = [];

    public WhoamiProbeResult? Result { get; private set; }

    public async Task OnGetAsync() => BubbleClients = await BubbleClientsAsync();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "token")] string? token)
    {
        BubbleClients = await BubbleClientsAsync();
        Result = await probe.TestAsync(ClientId ?? "", token ?? "", HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>How the page names an outcome: the four of the token endpoint as the issue words them.</summary>
    public static string Label(WhoamiOutcome outcome) => outcome switch
    {
        WhoamiOutcome.User => "user",
        WhoamiOutcome.Rejected => "rejected",
        WhoamiOutcome.Misconfigured => "misconfigured",
        WhoamiOutcome.Unavailable => "unavailable",
        WhoamiOutcome.UnknownClient => "unknown client",
        WhoamiOutcome.NoBubbleApp => "no Bubble app",
        _ => "not a token",
    };

    /// <summary>A claim's JSON type in Bubble's words.</summary>
    public static string TypeName(string valueType) => valueType switch
    {
        System.Security.Claims.ClaimValueTypes.Boolean => "yes/no",
        System.Security.Claims.ClaimValueTypes.Integer64 or System.Security.Claims.ClaimValueTypes.Integer
            or System.Security.Claims.ClaimValueTypes.Double => "number",
        _ => "text",
    };

    private async Task<IReadOnlyList<ClientSummary>> BubbleClientsAsync() =>
        [.. (await clients.ListAsync(HttpContext.RequestAborted)).Where(c => c.Settings.BubbleAppUrl is not null)];
}
