using System.Globalization;
using AuthServer.Bubble;
using AuthServer.Options;
using AuthServer.Administration.Clients;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// The client fields as the create and edit forms post them: grants as check boxes, scopes and Bubble claims as
/// space-separated words. The Bubble app URL is checked for shape (<see cref="BubbleAppUrlCheck"/>) before the
/// model sees it, and stored in the spelling the check gives.
/// </summary>
public sealed class ClientForm
{
    public List<string> Grants { get; set; } = [];

    public string? Scopes { get; set; }

    public string? BubbleAppUrl { get; set; }

    public string? BubbleClaims { get; set; }

    /// <summary>A TimeSpan (<c>00:05:00</c>); empty: the server's <c>Auth:AccessTokenLifetime</c>.</summary>
    public string? AccessTokenLifetime { get; set; }

    public static IEnumerable<string> AllGrants => GrantNames.ToProtocol.Keys;

    public static ClientForm From(ClientSettings settings) => new()
    {
        Grants = [.. settings.Grants],
        Scopes = string.Join(' ', settings.Scopes),
        BubbleAppUrl = settings.BubbleAppUrl,
        BubbleClaims = string.Join(' ', settings.BubbleClaims),
        AccessTokenLifetime = settings.AccessTokenLifetime?.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>The settings to hand to the model, or why the Bubble app URL cannot be one.</summary>
    public (ClientSettings? Settings, string? Problem) ToSettings(bool allowPrivateAddresses)
    {
        string? url = null;
        if (!string.IsNullOrWhiteSpace(BubbleAppUrl))
        {
            var verdict = BubbleAppUrlCheck.Check(BubbleAppUrl.Trim(), allowPrivateAddresses);
            if (!verdict.IsAcceptable)
            {
                return (null, $"Bubble app URL: {verdict.Message}");
            }

            url = verdict.NormalizedUrl;
        }

        TimeSpan? lifetime = null;
        if (!string.IsNullOrWhiteSpace(AccessTokenLifetime))
        {
            if (!TimeSpan.TryParse(AccessTokenLifetime.Trim(), CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, "Access token lifetime: write it as hours:minutes:seconds, such as 00:05:00.");
            }

            lifetime = parsed;
        }

        return (new ClientSettings([.. Grants.Distinct(StringComparer.Ordinal)], Words(Scopes), url, Words(BubbleClaims),
            AccessTokenLifetime: lifetime), null);
    }

    /// <summary>The names the model uses for a field in its problems, as the form labels them.</summary>
    public static string FieldName(string field, int? index) => field switch
    {
        "ClientId" => "Client id",
        "GrantTypes" => "Grants",
        "Scopes" => "Scopes",
        "BubbleAppUrl" => "Bubble app URL",
        "BubbleClaims" => "Bubble claims",
        "ClientSecret" => "Secret",
        "AccessTokenLifetime" => "Access token lifetime",
        _ => field,
    } + (index is null ? "" : $" (item {index + 1})");

    private static string[] Words(string? value) =>
        (value ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
