using System.Text.RegularExpressions;
using AuthServer.Tests.Protocol.Guards;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// One AuthServer (with its Bubble simulators) shared by every case of a hostile-input table, so a
/// case also shows that the cases before it left the server healthy. Rate limits are off: the tables
/// send more bad credentials than a lockout allows, and lockout has its own tests (RateLimitTests).
/// </summary>
public sealed partial class HostileInputFixture : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OtherBubble.Simulator.Live.AddUser(UserEmail, UserPassword);
    }

    public HttpClient Http => Tokens.Http;

    public string BubbleUrl => Bubble.Url;

    public LogCapture Events => Logs;

    public Task<string> SubjectTokenAsync() => LogInAsync(Bubble.Url);

    private int _answeredUsers;

    /// <summary>The token of a new user of the live app whose whoami answers <paramref name="rawResponse"/> as it is (a hostile app).</summary>
    public Task<string> SubjectTokenAnsweredAsync(string rawResponse)
    {
        var email = $"hostile{Interlocked.Increment(ref _answeredUsers)}@example.com";
        Bubble.Simulator.Live.AddUser(email, UserPassword, rawResponse: rawResponse);
        return LogInAsync(Bubble.Url, email);
    }

    /// <summary>A refresh token of a fresh chain of <paramref name="clientId"/> (bubble-app or other-bubble-app).</summary>
    public async Task<string> RefreshTokenAsync(string clientId = BubbleClient)
    {
        var (url, secret) = clientId == BubbleClient ? (Bubble.Url, BubbleSecret) : (OtherBubble.Url, BubbleSecret + 3);
        var response = await ExchangeAsync(await LogInAsync(url), clientId: clientId, secret: secret);
        return response["refresh_token"] ?? throw new InvalidOperationException($"No refresh token: {response.Json}");
    }

    public Task<TokenResponse> RefreshWithAsync(string refreshToken) => RefreshAsync(refreshToken);

    public async Task<TokenResponse> SendAsync(HostileCase hostile)
    {
        using var request = await hostile.Request(this);
        return await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));
    }

    /// <summary>
    /// Sends the case, checks its exact status and <c>error</c> (RFC 6749 §5.2 form, no-store, a
    /// description of allowed characters only), then that a valid request still succeeds.
    /// </summary>
    public async Task AssertAnsweredAsync(HostileCase hostile)
    {
        var response = await SendAsync(hostile);

        Assert.True(hostile.Status == response.Status, $"expected {hostile.Status}, got {response.Status}: {response.Json}");
        Assert.Equal(hostile.Error, response["error"]);
        Assert.Equal("no-store", response.Response.Headers.CacheControl?.ToString());
        if (hostile.Error is not null)
        {
            Assert.Matches(AllowedDescription(), response["error_description"] ?? "");
        }

        if (hostile.Status == 401)
        {
            Assert.Contains(response.Response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }

        var valid = await Tokens.ClientCredentialsAsync();
        Assert.True(valid.Status == 200, $"a valid request failed after the case: {valid.Status} {valid.Json}");
    }

    // RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E, and never empty here.
    [GeneratedRegex("^[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+$")]
    private static partial Regex AllowedDescription();
}
