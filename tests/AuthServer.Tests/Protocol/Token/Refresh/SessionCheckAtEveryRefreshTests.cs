using System.Text;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using static AuthServer.Tests.Protocol.Token.Refresh.SessionTestSupport;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>
/// <c>Bubble:SessionCheckInterval=00:00:00</c>: every refresh asks Bubble, past the exchange's positive cache; and the
/// Bubble token the chain keeps is stored encrypted, and appears nowhere else.
/// </summary>
public sealed class SessionCheckAtEveryRefreshTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Bubble:SessionCheckInterval"] = "00:00:00",
        ["Bubble:CacheLifetime"] = "00:05:00",
    };

    [Fact]
    public async Task A_logout_while_bubbles_answer_is_cached_ends_the_chain_at_the_next_refresh_and_the_exchange_too()
    {
        var bubbleToken = await LogInAsync(Bubble.Url);
        var exchanged = await ExchangeAsync(bubbleToken); // Bubble's yes is now cached for five minutes
        await LogOutAtBubbleAsync(Bubble.Url, bubbleToken);

        var refused = await RefreshAsync(exchanged["refresh_token"]!);
        var reExchanged = await ExchangeAsync(bubbleToken);

        OAuthAssert.Error(refused, 400, "invalid_grant");
        Assert.Equal(BubbleSessionCheck.EndedDescription, refused["error_description"]);
        // The check dropped the cached yes: the same Bubble token no longer starts a chain either.
        OAuthAssert.Error(reExchanged, 400, "invalid_request");
    }

    [Fact]
    public async Task Every_refresh_asks_bubble_and_the_answers_keep_the_chain_going()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var first = await RefreshAsync(exchanged["refresh_token"]!);
        var second = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, second.Status);
        Assert.Equal(3, WhoAmICalls());
    }

    [Fact]
    public async Task The_stored_bubble_token_is_never_in_clear_in_the_store_a_token_or_a_log_and_is_deleted_when_the_chain_ends()
    {
        var bubbleToken = await LogInAsync(Bubble.Url);
        var exchanged = await ExchangeAsync(bubbleToken);
        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);

        var session = Assert.Single(await SessionsAsync(Server.Services));
        Assert.NotNull(session.ProtectedSubjectToken);
        Assert.DoesNotContain(bubbleToken, session.ProtectedSubjectToken, StringComparison.Ordinal);
        Assert.DoesNotContain(bubbleToken, StoreText(), StringComparison.Ordinal);
        foreach (var response in new[] { exchanged, refreshed })
        {
            Assert.DoesNotContain(bubbleToken, response.Json.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(bubbleToken, Encoding.UTF8.GetString(Base64UrlPayload(response.AccessToken)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(bubbleToken, Logs.AllText, StringComparison.Ordinal);

        Assert.Equal(200, (int)(await Tokens.RevokeAsync(refreshed["refresh_token"]!, BubbleClient, BubbleSecret)).StatusCode);
        Assert.Empty(await SessionsAsync(Server.Services));
    }

    /// <summary>Every byte of the SQLite files, as text: the database, and its write-ahead log where recent rows are.</summary>
    private string StoreText() => string.Concat(new[] { DatabaseFile, DatabaseFile + "-wal" }
        .Where(File.Exists)
        .Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }));

    private static byte[] Base64UrlPayload(string jwt) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1]);
}
