using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using AuthServer.Administration.Keys;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole.Pages;

/// <summary>
/// The signing key timeline (as <c>keys list</c> prints it), rotation (announced, or signing at once) and revocation.
/// Both changes are asked for on a confirmation step of their own (a GET), so they need no script; a revocation
/// goes ahead only when the kid typed there is the key's. <see cref="KeyAdministration"/> does the work and audits it.
/// </summary>
public sealed class KeysModel(KeyAdministration keys) : PageModel
{
    public IReadOnlyList<KeyTimelineEntry> Timeline { get; private set; } = [];

    /// <summary>"announced" or "now": the rotation being confirmed, if any.</summary>
    [FromQuery(Name = "rotate")]
    public string? ConfirmRotation { get; set; }

    /// <summary>The key whose revocation is being confirmed, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "revoke")]
    public string? ConfirmRevocation { get; set; }

    [BindProperty]
    public string? TypedKid { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Timeline = await keys.TimelineAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRotateAsync(bool now)
    {
        var rotated = await keys.RotateAsync(Actor, now, HttpContext.RequestAborted);
        Done = rotated.SignsNow
            ? $"Key {rotated.Kid} ({rotated.Algorithm}) signs from now on."
            : $"Key {rotated.Kid} ({rotated.Algorithm}) announced; it starts signing at {AdminDates.Format(rotated.ActivatesUtc)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        var kid = ConfirmRevocation ?? "";
        if (!string.Equals(TypedKid?.Trim(), kid, StringComparison.Ordinal) || kid.Length == 0)
        {
            Error = "Not revoked: the kid typed is not the key's. Type it exactly as shown.";
            TypedKid = null;
            await OnGetAsync();
            return Page();
        }

        Done = await keys.RevokeAsync(kid, Actor, HttpContext.RequestAborted) switch
        {
            KeyRevoked { SigningKid: var signing } => $"Key {kid} revoked; it has left the JWKS. Key {signing ?? "-"} signs now.",
            KeyAlreadyRevoked already => $"Key {kid} was revoked before, at {AdminDates.Format(already.RevokedUtc)}; nothing changed.",
            _ => $"No signing key {kid}; nothing changed.",
        };
        return RedirectToPage();
    }

    private string Actor => ChangeActors.Admin(User.Identity!.Name!);
}
