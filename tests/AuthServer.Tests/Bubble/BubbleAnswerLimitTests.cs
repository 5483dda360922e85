using System.Text.Json;
using AuthServer.Bubble;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Bubble;

/// <summary>What AuthServer keeps of a Bubble answer: bounded in size, only the fields the client asked for.</summary>
public sealed class BubbleAnswerLimitTests : ExchangeTest
{
    [Fact]
    public async Task A_chunked_bubble_answer_over_the_size_limit_is_a_logged_server_error_never_a_huge_token()
    {
        var token = await LogInAsAsync("huge@example.com", new() { ["plan"] = new string('x', 2_000_000) });
        Assert.True(await AnswerIsChunkedAsync(token), "the simulator must answer without Content-Length for this test to mean anything");

        var response = await ExchangeAsync(token);

        OAuthAssert.Error(response, 500, "server_error");
        Assert.True(response.Json.GetRawText().Length < 4096);
        Assert.True(Logs.HasEvent(3010), "the oversized answer (3010) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task Only_user_id_email_and_the_clients_bubble_claims_are_kept_and_cache_entries_count_their_bytes()
    {
        // 50 fields of 1,000 characters: each would fit a claim, none is in the client's BubbleClaims.
        var fields = Enumerable.Range(0, 50).ToDictionary(i => $"note{i}", object? (_) => new string('n', 1_000));
        fields["plan"] = "pro";
        var token = await LogInAsAsync("noted@example.com", fields);

        var first = await ExchangeAsync(token);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        Assert.Equal(200, first.Status);
        Assert.Equal(1, WhoAmICalls()); // the answer was cached…
        var cached = Server.Services.GetRequiredService<BubbleAnswerCache>().SizeInBytes;
        Assert.InRange(cached, 64, 4_096); // …without the 50,000 characters of notes, and sized in bytes, not as 1
        Assert.Equal("pro", new JsonWebToken(first.AccessToken).GetPayloadValue<string>("plan"));
    }

    [Fact]
    public async Task A_bubble_claim_longer_than_its_cap_is_dropped_with_a_logged_warning()
    {
        var token = await LogInAsAsync("long@example.com", new() { ["plan"] = new string('p', 1_025), ["seats"] = 3 });

        var response = await ExchangeAsync(token);

        Assert.Equal(200, response.Status);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.False(jwt.TryGetPayloadValue<object>("plan", out _));
        Assert.Equal(3, jwt.GetPayloadValue<long>("seats"));
        Assert.True(Logs.HasEvent(3011), "the dropped claim (3011) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task An_email_longer_than_its_cap_is_a_logged_server_error()
    {
        var token = await LogInAsAsync(new string('e', 400) + "@example.com", []);

        OAuthAssert.Error(await ExchangeAsync(token), 500, "server_error");
        Assert.True(Logs.HasEvent(3012), "the over-long identity (3012) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_bubble_claim_with_control_characters_is_dropped_so_it_cannot_forge_a_log_line()
    {
        var token = await LogInAsAsync("newline@example.com", new() { ["plan"] = "pro\nIssued tokens to client admin", ["seats"] = 3 });

        var response = await ExchangeAsync(token);

        Assert.Equal(200, response.Status);
        Assert.False(new JsonWebToken(response.AccessToken).TryGetPayloadValue<object>("plan", out _));
        Assert.True(Logs.HasEvent(3011), "the dropped claim (3011) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task An_email_with_a_bidirectional_override_is_a_logged_server_error()
    {
        var token = await LogInAsAsync("evil\u202emoc.elpmaxe@example.com", []);

        OAuthAssert.Error(await ExchangeAsync(token), 500, "server_error");
        Assert.True(Logs.HasEvent(3012), "the unusable identity (3012) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_non_finite_number_from_bubble_is_dropped_with_a_logged_warning_never_a_500()
    {
        var token = await LogInAsAsync("infinite@example.com", new() { ["plan"] = JsonDocument.Parse("1e400").RootElement, ["seats"] = 3 });

        var first = await ExchangeAsync(token);
        var second = await ExchangeAsync(token);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.False(new JsonWebToken(first.AccessToken).TryGetPayloadValue<object>("plan", out _));
        Assert.Equal(3, new JsonWebToken(second.AccessToken).GetPayloadValue<long>("seats"));
        Assert.True(Logs.HasEvent(3011), "the dropped claim (3011) was not logged: " + Logs.AllText);
    }

    private async Task<string> LogInAsAsync(string email, Dictionary<string, object?> fields)
    {
        Bubble.Simulator.Live.AddUser(email, UserPassword, fields);
        return await LogInAsync(Bubble.Url, email);
    }

    private async Task<bool> AnswerIsChunkedAsync(string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Bubble.Url}/api/1.1/wf/whoami");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Bubble.Simulator.Requests.Clear();
        return response.Headers.TransferEncodingChunked == true && response.Content.Headers.ContentLength is null;
    }
}
