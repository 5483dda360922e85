using System.Net.Http.Headers;
using System.Text;
using AuthServer.Tests.Infrastructure;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>The wizard's values, sent as shown (raw, the way the API Connector sends them), exchange and refresh a Bubble token.</summary>
public sealed class BubbleConnectionGuideExchangeTests : ExchangeTest
{
    private const string ReservedClient = "reserved-secret-app";
    private const string ReservedSecret = "s3cret:with%reserved+chars and/é=&?-0123456789";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Clients:5:ClientId"] = ReservedClient,
        ["Clients:5:ClientSecret"] = ReservedSecret,
        ["Clients:5:GrantTypes:0"] = "token_exchange",
        ["Clients:5:GrantTypes:1"] = "refresh_token",
        ["Clients:5:Scopes:0"] = "sample-api.read",
        ["Clients:5:Scopes:1"] = "offline_access",
        ["Clients:5:BubbleAppUrl"] = Bubble.Url,
    };

    [Fact]
    public async Task The_header_and_bodies_as_shown_exchange_a_bubble_token_and_refresh_it()
    {
        await AssertExchangeAndRefreshAsShownAsync(BubbleClient, BubbleSecret);
    }

    [Fact]
    public async Task A_secret_with_colon_percent_plus_and_space_authenticates_as_shown()
    {
        await AssertExchangeAndRefreshAsShownAsync(ReservedClient, ReservedSecret);
    }

    [Fact]
    public async Task A_logged_out_bubble_token_sent_as_shown_gets_the_invalid_request_the_guide_tells_the_workflow_to_react_to()
    {
        var connection = BubbleConnectionGuide.Build(Server.Url,
            new BubbleConnectionRequest(BubbleClient, BubbleSecret, Bubble.Url, ["sample-api.read", "offline_access"], []));
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Live.LogOut(token);

        var refused = await PostAsShownAsync(connection, connection.ExchangeBody.Replace("<token>", token));

        // RFC 8693 §2.2.2: an invalid subject token is invalid_request; the guide names that code for the exchange.
        OAuthAssert.Error(refused, 400, "invalid_request");
        // The refresh loop tests the refresh's error for invalid_grant, and the re-exchange's only by its missing token.
        Assert.Contains("`400 invalid_request`", connection.Steps.Single(s => s.Id == "authserver-api").ToMarkdown());
        var loop = connection.Steps.Single(s => s.Id == "refresh-workflow");
        Assert.Equal(["AuthServer - refresh", "AuthServer - exchange"], loop.Runs.Select(c => c.ActionName));
        Assert.Contains("*Result of step 1's error body contains invalid_grant*", loop.ToMarkdown());
        Assert.DoesNotContain("step 6's error body contains invalid_grant", loop.ToMarkdown());
        Assert.Contains("*Result of step 6's access_token is empty*", loop.ToMarkdown());
    }

    private async Task AssertExchangeAndRefreshAsShownAsync(string clientId, string secret)
    {
        var connection = BubbleConnectionGuide.Build(Server.Url,
            new BubbleConnectionRequest(clientId, secret, Bubble.Url, ["sample-api.read", "offline_access"], []));

        var exchanged = await PostAsShownAsync(connection, connection.ExchangeBody.Replace("<token>", await LogInAsync(Bubble.Url)));
        Assert.Equal(200, exchanged.Status);
        Assert.NotNull(exchanged["refresh_token"]);
        Assert.Equal("sample-api.read offline_access", exchanged["scope"]);

        var refreshed = await PostAsShownAsync(connection, connection.RefreshBody!.Replace("<refresh_token>", exchanged["refresh_token"]));
        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(exchanged["refresh_token"], refreshed["refresh_token"]);
    }

    private async Task<TokenResponse> PostAsShownAsync(BubbleConnection connection, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, connection.TokenEndpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", connection.AuthorizationHeader));
        return await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));
    }
}
