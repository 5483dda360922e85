using System.Net.Http.Headers;
using System.Text.Json;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// (b) and (e): another baseline after one bare loopback call to the Bubble simulator's whoami. The call is made
/// before (e)'s transaction, so no SQLite lock is held while Bubble answers: the floor, not a worse design.
/// </summary>
public static class BaselineWhoami
{
    /// <summary>(b): (a) for the user whoami names.</summary>
    public static async Task<IResult> SignAfterWhoamiAsync(HttpRequest request, BaselineSigner signer, HttpClient http, string whoamiUrl)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await request.ReadFormAsync(cancel);
        if (await WhoamiAsync(http, whoamiUrl, form["subject_token"].ToString(), cancel) is not { } user)
        {
            return InvalidGrant();
        }

        var clientId = BasicCredentials.ClientId(request) ?? "";
        return signer.Answer(user.UserId, clientId, "sample-api.read", user.Email);
    }

    /// <summary>(e): (c) once whoami has confirmed the chain's Bubble login, as a refresh with the session check must.</summary>
    public static async Task<IResult> RotateAfterWhoamiAsync(HttpRequest request, BaselineDbContext db, HttpClient http, string whoamiUrl,
        CancellationToken cancel)
    {
        var form = await request.ReadFormAsync(cancel);
        return await WhoamiAsync(http, whoamiUrl, form[BaselinePaths.BubbleTokenField].ToString(), cancel) is null
            ? InvalidGrant()
            : await BaselineRotation.RotateAsync(form["refresh_token"].ToString(), db, cancel);
    }

    /// <summary>The user whoami names for <paramref name="bubbleToken"/>; null when it does not answer 2xx.</summary>
    private static async Task<(string UserId, string? Email)?> WhoamiAsync(HttpClient http, string whoamiUrl, string bubbleToken, CancellationToken cancel)
    {
        using var call = new HttpRequestMessage(HttpMethod.Post, whoamiUrl)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bubbleToken) },
        };
        using var answer = await http.SendAsync(call, cancel);
        if (!answer.IsSuccessStatusCode)
        {
            return null;
        }

        using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
        var user = body.RootElement.GetProperty("response");
        return (user.GetProperty("user_id").GetString()!, user.GetProperty("email").GetString());
    }

    private static IResult InvalidGrant() => Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
}
