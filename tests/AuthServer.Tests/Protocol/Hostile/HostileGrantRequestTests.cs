using AuthServer.Tests.Infrastructure;
using static AuthServer.Tests.Infrastructure.HostileCase;

namespace AuthServer.Tests.Protocol.Hostile;

/// <summary>
/// Hostile token-exchange (RFC 8693) and refresh_token requests: each parameter missing, repeated,
/// empty or oversized, subject token types of other profiles, and refresh tokens that are forged,
/// truncated or another client's. Each gets its exact RFC 6749 §5.2 answer.
/// </summary>
public sealed class HostileGrantRequestTests(HostileInputFixture server) : IClassFixture<HostileInputFixture>
{
    private const string Token = "/connect/token";
    private const string Grant = "grant_type=" + Exchange;
    private const string UserType = "subject_token_type=" + BubbleUserType;
    private const string Refresh = "grant_type=refresh_token";

    private static readonly Dictionary<string, HostileCase> Table = new()
    {
        // token exchange
        ["exchange: subject_token missing"] = Of(400, "invalid_request", Token, $"{Grant}&{UserType}", BubbleBasic),
        ["exchange: subject_token empty"] = Of(400, "invalid_request", Token, $"{Grant}&{UserType}&subject_token=", BubbleBasic),
        ["exchange: subject_token repeated"] = Live(400, "invalid_request", Token, async f =>
        {
            var subject = await f.SubjectTokenAsync();
            return $"{Grant}&{UserType}&subject_token={Escape(subject)}&subject_token={Escape(subject)}";
        }),
        ["exchange: subject_token with a NUL"] = Of(400, "invalid_request", Token, $"{Grant}&{UserType}&subject_token=bus%7C1%00x", BubbleBasic),
        ["exchange: subject_token_type missing"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&subject_token={Escape(await f.SubjectTokenAsync())}"),
        ["exchange: subject_token_type empty"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&subject_token_type=&subject_token={Escape(await f.SubjectTokenAsync())}"),
        ["exchange: subject_token_type repeated"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&{UserType}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}"),
        ["exchange: subject_token_type oversized"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&subject_token_type={BubbleUserType}{new string('x', 10_000)}&subject_token={Escape(await f.SubjectTokenAsync())}"),
        ["exchange: subject_token_type jwt"] = OtherProfile("urn:ietf:params:oauth:token-type:jwt"),
        ["exchange: subject_token_type id_token"] = OtherProfile("urn:ietf:params:oauth:token-type:id_token"),
        ["exchange: subject_token_type refresh_token"] = OtherProfile("urn:ietf:params:oauth:token-type:refresh_token"),
        ["exchange: subject_token_type saml2"] = OtherProfile("urn:ietf:params:oauth:token-type:saml2"),
        ["exchange: subject_token_type in another case"] = OtherProfile("URN:BUBBLE:TOKEN-TYPE:USER"),
        ["exchange: scope repeated"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&scope=sample-api.read&scope=offline_access"),
        ["exchange: scope of five thousand unknown scopes"] = Live(400, "invalid_scope", Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&scope="
            + string.Join("+", Enumerable.Range(0, 5_000).Select(i => $"s{i}"))),
        ["exchange: nine thousand scope names and a wrong secret"] = Of(401, "invalid_client", Token,
            $"{Grant}&{UserType}&subject_token=bus%7C1%7Cx&scope=" + string.Join("+", Enumerable.Range(0, 9_000).Select(i => $"s{i}")),
            Basic($"{ExchangeTest.BubbleClient}:wrong-secret")),
        ["exchange: audience repeated a hundred times"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}"
            + string.Concat(Enumerable.Range(0, 100).Select(i => $"&audience=a{i}"))),
        // Issue 19, item 18: RFC 6749 §3.2, a parameter without a value is treated as omitted.
        ["exchange: audience empty is treated as omitted"] = Live(200, null, Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&audience="),
        ["exchange: resource empty is treated as omitted"] = Live(200, null, Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&resource="),
        ["exchange: audience and resource empty beside a real audience"] = Live(200, null, Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&audience=&resource=&audience=sample-api"),
        // RFC 8707 §2: a malformed resource is invalid_target.
        ["exchange: resource not an absolute uri"] = Live(400, "invalid_target", Token, async f =>
            $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}&resource=not-a-uri"),
        // whoami answers that no token or JSON can carry (issue 19, item 12), and user ids of another shape (item 1):
        // never an empty 500; an unusable identity is a JSON server_error, an unusable claim is left out.
        ["exchange: whoami user_id with a lone surrogate"] = Answered(500, "server_error", """{"user_id":"u\ud800x"}"""),
        ["exchange: whoami user_id of bubble's shape with a lone surrogate"] = Answered(500, "server_error", """{"user_id":"1234567890123x\udbff"}"""),
        ["exchange: whoami email with a lone surrogate"] = Answered(500, "server_error", $$"""{"user_id":"{{Id}}","email":"\ud800"}"""),
        ["exchange: whoami claim with a lone high surrogate"] = Answered(200, null, $$"""{"user_id":"{{Id}}","plan":"\ud800"}"""),
        ["exchange: whoami claim with a lone low surrogate"] = Answered(200, null, $$"""{"user_id":"{{Id}}","plan":"x\udc00"}"""),
        ["exchange: whoami claim with surrogates reversed"] = Answered(200, null, $$"""{"user_id":"{{Id}}","plan":"\udc00\ud800"}"""),
        ["exchange: whoami key with a lone surrogate"] = Answered(200, null, $$"""{"user_id":"{{Id}}","pl\ud800an":"x","\ud800":1}"""),
        ["exchange: whoami key with a lone low surrogate"] = Answered(200, null, $$"""{"user_id":"{{Id}}","\udfff":1,"email":"a@example.com"}"""),
        ["exchange: whoami nested object with a lone surrogate"] = Answered(200, null, $$$"""{"user_id":"{{{Id}}}","address":{"\ud800":"\ud800"}}"""),
        ["exchange: whoami user_id of a client"] = Answered(500, "server_error", $$"""{"user_id":"{{TestClients.Script}}"}"""),
        ["exchange: whoami user_id as a number"] = Answered(500, "server_error", """{"user_id":1234567890123}"""),
        ["exchange: grant_type repeated"] = Live(400, "invalid_request", Token, async f =>
            $"{Grant}&{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAsync())}"),

        // refresh_token
        ["refresh: refresh_token missing"] = Of(400, "invalid_request", Token, Refresh, BubbleBasic),
        ["refresh: refresh_token empty"] = Of(400, "invalid_request", Token, $"{Refresh}&refresh_token=", BubbleBasic),
        ["refresh: refresh_token repeated"] = Live(400, "invalid_request", Token, async f =>
        {
            var token = await f.RefreshTokenAsync();
            return $"{Refresh}&refresh_token={Escape(token)}&refresh_token={Escape(token)}";
        }),
        ["refresh: refresh_token oversized"] = Of(400, "invalid_grant", Token, $"{Refresh}&refresh_token={new string('r', 60_000)}", BubbleBasic),
        ["refresh: refresh_token forged"] = Of(400, "invalid_grant", Token,
            $"{Refresh}&refresh_token=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiJ9.", BubbleBasic),
        ["refresh: refresh_token with sql"] = Of(400, "invalid_grant", Token,
            $"{Refresh}&refresh_token={Escape("' OR 1=1; --")}", BubbleBasic),
        ["refresh: refresh_token truncated"] = Live(400, "invalid_grant", Token, async f =>
            $"{Refresh}&refresh_token={Escape((await f.RefreshTokenAsync())[..^8])}"),
        ["refresh: refresh_token of another client"] = Live(400, "invalid_grant", Token, async f =>
            $"{Refresh}&refresh_token={Escape(await f.RefreshTokenAsync(ExchangeTest.OtherAppClient))}"),
        ["refresh: scope repeated"] = Live(400, "invalid_request", Token, async f =>
            $"{Refresh}&refresh_token={Escape(await f.RefreshTokenAsync())}&scope=sample-api.read&scope=sample-api.read"),
        ["refresh: resource empty is treated as omitted"] = Live(200, null, Token, async f =>
            $"{Refresh}&refresh_token={Escape(await f.RefreshTokenAsync())}&resource="),
        ["refresh: audience empty is treated as omitted"] = Live(200, null, Token, async f =>
            $"{Refresh}&refresh_token={Escape(await f.RefreshTokenAsync())}&audience="),
        ["refresh: client_credentials client"] = Of(400, "unauthorized_client", Token, $"{Refresh}&refresh_token=abc", ScriptBasic),
    };

    public static TheoryData<string> Cases => Names(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_grant_request_gets_its_exact_error_and_the_server_still_exchanges_and_refreshes(string name)
    {
        await server.AssertAnsweredAsync(Table[name]);

        var refreshed = await server.RefreshWithAsync(await server.RefreshTokenAsync());
        Assert.True(refreshed.Status == 200, $"a valid exchange and refresh failed after the case: {refreshed.Json}");
    }

    [Fact]
    public async Task Forged_and_truncated_refresh_tokens_leave_the_real_chain_redeemable()
    {
        var token = await server.RefreshTokenAsync();
        foreach (var attempt in new[] { token[..^8], token + "x", token[1..] })
        {
            OAuthAssert.Error(await server.RefreshWithAsync(attempt), 400, "invalid_grant");
        }

        Assert.Equal(200, (await server.RefreshWithAsync(token)).Status);
    }

    private const string Id = "1234567890123x123456789012345678";

    private static HostileCase Answered(int status, string? error, string rawWhoamiResponse) => Live(status, error, Token, async f =>
        $"{Grant}&{UserType}&subject_token={Escape(await f.SubjectTokenAnsweredAsync(rawWhoamiResponse))}");

    // RFC 8693 §2.2.2: a subject_token_type the server does not accept is invalid_request.
    private static HostileCase OtherProfile(string type) => Live(400, "invalid_request", Token, async f =>
        $"{Grant}&subject_token_type={Escape(type)}&subject_token={Escape(await f.SubjectTokenAsync())}");
}
