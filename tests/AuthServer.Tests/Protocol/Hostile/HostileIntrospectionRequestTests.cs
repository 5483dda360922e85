using System.Text;
using AuthServer.Tests.Infrastructure;
using static AuthServer.Tests.Infrastructure.HostileCase;

namespace AuthServer.Tests.Protocol.Hostile;

/// <summary>
/// Hostile requests at <c>/connect/introspect</c> (RFC 7662) and <c>/connect/revoke</c> (RFC 7009).
/// A token that is unknown, forged or oversized is not an error at either: introspection answers
/// <c>{"active":false}</c> (RFC 7662 §2.2) and revocation answers 200 (RFC 7009 §2.2). A malformed
/// request is <c>invalid_request</c> and failed client authentication <c>invalid_client</c>.
/// </summary>
public sealed class HostileIntrospectionRequestTests(HostileInputFixture server) : IClassFixture<HostileInputFixture>
{
    private const string Introspect = "/connect/introspect";
    private const string Revoke = "/connect/revoke";

    private static readonly Dictionary<string, HostileCase> Table = Both(path => new Dictionary<string, HostileCase>
    {
        ["token missing"] = Of(400, "invalid_request", path, "token_type_hint=access_token"),
        ["token empty"] = Of(400, "invalid_request", path, "token="),
        ["token repeated"] = Of(400, "invalid_request", path, "token=abc&token=def"),
        ["token oversized"] = Of(200, null, path, "token=" + new string('t', 60_000)),
        ["token with sql"] = Of(200, null, path, "token=" + Escape("' OR 1=1; DROP TABLE OpenIddictTokens; --")),
        ["token with an encoded NUL"] = Of(400, "invalid_request", path, "token=abc%00def"),
        ["token_type_hint repeated"] = Of(400, "invalid_request", path, "token=abc&token_type_hint=access_token&token_type_hint=refresh_token"),
        // RFC 7662 §2.1 and RFC 7009 §2.1: a hint is only a hint; one the server does not know is ignored.
        ["token_type_hint unknown"] = Of(200, null, path, "token=abc&token_type_hint=no_such_type"),
        ["body json"] = Of(400, "invalid_request", path, "{\"token\":\"abc\"}", contentType: "application/json"),
        ["body invalid utf-8"] = OfBytes(400, "invalid_request", path, [.. Encoding.ASCII.GetBytes("token="), 0xC3, 0x28]),
        ["body raw NUL bytes"] = OfBytes(400, "invalid_request", path, [.. Encoding.ASCII.GetBytes("token=a"), 0, (byte)'b']),
        ["content type missing"] = Of(400, "invalid_request", path, "token=abc", contentType: null),
        ["content type multipart"] = Of(400, "invalid_request", path, "--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n--b--\r\n",
            contentType: "multipart/form-data; boundary=b"),
        ["basic with an empty id"] = Of(401, "invalid_client", path, "token=abc", Basic($":{TestClients.ScriptSecret}")),
        ["basic with bad base64"] = Of(401, "invalid_client", path, "token=abc", "Basic dGVzd=="),
        ["basic with an encoded NUL in the id"] = Of(401, "invalid_client", path, "token=abc", Basic($"{TestClients.Script}%00:{TestClients.ScriptSecret}")),
        ["sql in client_id"] = Of(401, "invalid_client", path, "token=abc", Basic("' OR '1'='1:x")),
        ["script in client_id in the body"] = Of(401, "invalid_client", path,
            $"token=abc&client_id={Escape("<script>alert(1)</script>")}&client_secret=x", NoAuthorization),
    });

    public static TheoryData<string> Cases => Names(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Hostile_introspection_or_revocation_request_gets_its_exact_answer_and_the_server_still_issues(string name) =>
        server.AssertAnsweredAsync(Table[name]);

    [Fact]
    public async Task Another_clients_refresh_token_is_refused_at_revocation_and_neither_revoked_nor_revealed()
    {
        var othersToken = await server.RefreshTokenAsync(ExchangeTest.OtherAppClient);

        // RFC 7009 §2.1: a revocation of a token issued to another client is refused, and the client told so; it
        // revokes nothing. RFC 7662 §2.2: introspection answers as for an unknown token.
        var revocation = await PostAsync(Revoke, othersToken, BubbleBasic);
        OAuthAssert.Error(revocation, 400, "invalid_request");
        Assert.Equal("false", (await PostAsync(Introspect, othersToken, BubbleBasic))["active"]);

        var owner = Basic($"{ExchangeTest.OtherAppClient}:{ExchangeTest.BubbleSecret}3");
        Assert.Equal("true", (await PostAsync(Introspect, othersToken, owner))["active"]);
    }

    private async Task<TokenResponse> PostAsync(string path, string token, string authorization)
    {
        using var request = Build(path, Encoding.ASCII.GetBytes($"token={Escape(token)}"), authorization, Form);
        return await TokenResponse.ReadAsync(await server.Http.SendAsync(request));
    }

    private static Dictionary<string, HostileCase> Both(Func<string, Dictionary<string, HostileCase>> cases) =>
        new[] { Introspect, Revoke }
            .SelectMany(path => cases(path).Select(c => KeyValuePair.Create($"{path[9..]}: {c.Key}", c.Value)))
            .ToDictionary();
}
