using System.Net.Http.Headers;
using System.Text.Json;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>(b): the signing baseline after one bare loopback call to the Bubble simulator's whoami.</summary>
public static class BaselineWhoami
{
    public static async Task<IResult> SignAfterWhoamiAsync(HttpRequest request, BaselineSigner signer, HttpClient http, string whoamiUrl)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await request.ReadFormAsync(cancel);
        using var call = new HttpRequestMessage(HttpMethod.Post, whoamiUrl)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", form["subject_token"].ToString()) },
        };
        using var answer = await http.SendAsync(call, cancel);
        if (!answer.IsSuccessStatusCode)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
        var user = body.RootElement.GetProperty("response");
        var clientId = BasicCredentials.ClientId(request) ?? "";
        return signer.Answer(user.GetProperty("user_id").GetString()!, clientId, "sample-api.read", user.GetProperty("email").GetString());
    }
}
