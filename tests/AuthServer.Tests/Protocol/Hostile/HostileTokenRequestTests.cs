using System.Text;
using AuthServer.Tests.Infrastructure;
using static AuthServer.Tests.Infrastructure.HostileCase;

namespace AuthServer.Tests.Protocol.Hostile;

/// <summary>
/// Hostile client_credentials requests, content types, bodies, Basic headers and injection
/// fragments at <c>/connect/token</c>: each gets its exact RFC 6749 §5.2 answer, and the server
/// still issues a token afterwards.
/// </summary>
public sealed class HostileTokenRequestTests(HostileInputFixture server) : IClassFixture<HostileInputFixture>
{
    private const string Token = "/connect/token";
    private const string Cc = "grant_type=client_credentials";

    private static readonly Dictionary<string, HostileCase> Table = new()
    {
        // client_credentials, each parameter missing, repeated, empty or oversized
        ["cc: grant_type empty"] = Of(400, "invalid_request", Token, "grant_type=&scope=sample-api.read"),
        ["cc: grant_type differs only in case"] = Of(400, "unsupported_grant_type", Token, "grant_type=Client_Credentials"),
        ["cc: grant_type oversized"] = Of(400, "unsupported_grant_type", Token, "grant_type=" + new string('g', 10_000)),
        ["cc: scope repeated"] = Of(400, "invalid_request", Token, $"{Cc}&scope=sample-api.read&scope=sample-api.read"),
        ["cc: scope empty is treated as omitted"] = Of(200, null, Token, $"{Cc}&scope="),
        ["cc: scope oversized single value"] = Of(400, "invalid_scope", Token, $"{Cc}&scope=" + new string('s', 60_000)),
        // Issue 19, item 18: RFC 6749 §3.2, a parameter without a value is treated as omitted.
        ["cc: resource empty is treated as omitted"] = Of(200, null, Token, $"{Cc}&resource="),
        ["cc: audience empty is treated as omitted"] = Of(200, null, Token, $"{Cc}&audience="),
        // The empty values go, and the real one is still judged: a resource is an absolute URI (RFC 8707 §2).
        ["cc: resource empty beside a logical name"] = Of(400, "invalid_target", Token, $"{Cc}&resource=&resource=sample-api&resource="),
        ["cc: client_id missing from body and header"] = Of(401, "invalid_client", Token, Cc, NoAuthorization),
        ["cc: client_id empty in body"] = Of(401, "invalid_client", Token, $"{Cc}&client_id=&client_secret={TestClients.ScriptSecret}", NoAuthorization),
        ["cc: client_id repeated in body"] = Of(400, "invalid_request", Token,
            $"{Cc}&client_id={TestClients.Script}&client_id={TestClients.Script}&client_secret={TestClients.ScriptSecret}", NoAuthorization),
        ["cc: client_id oversized"] = Of(401, "invalid_client", Token, $"{Cc}&client_id={new string('c', 5_000)}&client_secret=x", NoAuthorization),
        // Issue 19, item 5: no client id is longer than the store's column; a longer one never reaches the limiter or the store.
        ["cc: client_id one character over the maximum"] = Of(401, "invalid_client", Token,
            $"{Cc}&client_id={new string('c', AuthServer.Clients.ClientRules.MaxClientIdLength + 1)}&client_secret=x", NoAuthorization),
        ["cc: client_id of sixty thousand characters"] = Of(401, "invalid_client", Token, $"{Cc}&client_id={new string('c', 60_000)}&client_secret=x", NoAuthorization),
        ["basic with an id one character over the maximum"] = Of(401, "invalid_client", Token, Cc,
            Basic($"{new string('i', AuthServer.Clients.ClientRules.MaxClientIdLength + 1)}:{TestClients.ScriptSecret}")),
        ["cc: client_secret empty in body"] = Of(401, "invalid_client", Token, $"{Cc}&client_id={TestClients.Script}&client_secret=", NoAuthorization),
        ["cc: client_secret repeated in body"] = Of(400, "invalid_request", Token,
            $"{Cc}&client_id={TestClients.Script}&client_secret={TestClients.ScriptSecret}&client_secret={TestClients.ScriptSecret}", NoAuthorization),
        ["cc: client_secret oversized"] = Of(401, "invalid_client", Token, $"{Cc}&client_id={TestClients.Script}&client_secret={new string('x', 50_000)}", NoAuthorization),
        ["cc: Basic for one client and the client_id of another in the body"] = Of(400, "invalid_request", Token,
            $"{Cc}&client_id={ExchangeTest.BubbleClient}"),
        ["cc: Basic and the same client_id in the body"] = Of(200, null, Token, $"{Cc}&client_id={TestClients.Script}"),
        ["cc: Basic and client_secret in the body at once"] = Of(400, "invalid_request", Token, $"{Cc}&client_id={TestClients.Script}&client_secret={TestClients.ScriptSecret}"),

        // content types
        ["content type multipart"] = new(400, "invalid_request", _ => Task.FromResult(Multipart())),
        ["content type missing with a form body"] = Of(400, "invalid_request", Token, Cc, contentType: null),
        ["content type malformed"] = Of(400, "invalid_request", Token, Cc, contentType: "application/x-www-form-urlencoded;;=;"),
        ["content type a near miss"] = Of(400, "invalid_request", Token, Cc, contentType: "application/x-www-form-urlencodedx"),
        ["content type a wildcard"] = Of(400, "invalid_request", Token, Cc, contentType: "application/*"),
        ["content type in upper case is still a form"] = Of(200, null, Token, Cc, contentType: "APPLICATION/X-WWW-FORM-URLENCODED"),
        ["content type with charset utf-8"] = Of(200, null, Token, Cc, contentType: "application/x-www-form-urlencoded; charset=utf-8"),
        // Parsed as UTF-8, as Appendix B requires; refusing would break clients that label ASCII forms otherwise.
        ["content type with an unknown charset"] = Of(200, null, Token, Cc, contentType: "application/x-www-form-urlencoded; charset=no-such-charset"),
        ["content type with charset iso-8859-1"] = Of(200, null, Token, Cc, contentType: "application/x-www-form-urlencoded; charset=ISO-8859-1"),

        // bodies
        ["body empty"] = Of(400, "invalid_request", Token, ""),
        ["body json under a form content type"] = Of(400, "invalid_request", Token, "{\"grant_type\":\"client_credentials\"}"),
        ["body raw NUL bytes"] = OfBytes(400, "invalid_request", Token, [.. Encoding.ASCII.GetBytes(Cc + "&scope=a"), 0, 0, (byte)'b']),
        ["body an overlong utf-8 encoding"] = OfBytes(400, "invalid_request", Token, [.. Encoding.ASCII.GetBytes(Cc + "&scope="), 0xC0, 0xAF]),
        // The form decoder keeps an escape that is not UTF-8 as text ("%C3("), so this is an unknown scope.
        ["body percent-encoded invalid utf-8"] = Of(400, "invalid_scope", Token, $"{Cc}&scope=sample-api.read%C3%28"),
        ["body a byte order mark before the first name"] = Of(400, "invalid_request", Token, "\uFEFF" + Cc),

        ["body chunked and over the size limit"] = new(400, "invalid_request", _ =>
        {
            var request = Build(Token, [], ScriptBasic, null);
            request.Content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes($"{Cc}&scope={new string('a', 100_000)}")));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", Form);
            request.Headers.TransferEncodingChunked = true;
            return Task.FromResult(request);
        }),
        ["body gzip-encoded"] = new(400, "invalid_request", _ =>
        {
            var request = Build(Token, Gzip(Cc), ScriptBasic, Form);
            request.Content!.Headers.ContentEncoding.Add("gzip");
            return Task.FromResult(request);
        }),

        // Basic headers
        ["basic oversized"] = Of(401, "invalid_client", Token, Cc, Basic($"{new string('i', 6_000)}:{new string('s', 6_000)}")),
        ["basic with an empty id"] = Of(401, "invalid_client", Token, Cc, Basic($":{TestClients.ScriptSecret}")),
        ["basic with nothing after the scheme"] = Of(401, "invalid_client", Token, Cc, "Basic "),
        ["basic with truncated base64"] = Of(401, "invalid_client", Token, Cc, ScriptBasic[..^3]),
        ["basic decoding to invalid utf-8"] = Of(401, "invalid_client", Token, Cc, "Basic " + Convert.ToBase64String([0xFF, 0x3A, 0xFE])),
        ["basic scheme is Bearer"] = Of(401, "invalid_client", Token, Cc, "Bearer " + TestClients.ScriptSecret),
        ["basic form-encoded id and secret are decoded"] = Of(200, null, Token, Cc,
            Basic($"test%2Dscript:{TestClients.ScriptSecret.Replace("-", "%2D", StringComparison.Ordinal)}")),
        ["basic with a dangling percent"] = Of(401, "invalid_client", Token, Cc, Basic($"{TestClients.Script}%:{TestClients.ScriptSecret}")),
        ["basic with an encoded NUL in the id"] = Of(401, "invalid_client", Token, Cc, Basic($"{TestClients.Script}%00:{TestClients.ScriptSecret}")),
        ["basic with an encoded colon inside the id"] = Of(401, "invalid_client", Token, Cc, Basic($"{TestClients.Script}%3Ax:{TestClients.ScriptSecret}")),
        ["basic header sent twice"] = new(401, "invalid_client", _ =>
        {
            var request = Build(Token, Encoding.ASCII.GetBytes(Cc), ScriptBasic, Form);
            request.Headers.TryAddWithoutValidation("Authorization", ScriptBasic);
            return Task.FromResult(request);
        }),

        // SQL and script fragments
        ["sql in client_id"] = Of(401, "invalid_client", Token, Cc, Basic("' OR '1'='1:x")),
        ["sql comment after a real client_id"] = Of(401, "invalid_client", Token, Cc, Basic($"{TestClients.Script}' --:{TestClients.ScriptSecret}")),
        ["script in client_id"] = Of(401, "invalid_client", Token, $"{Cc}&client_id={Escape("<script>alert(1)</script>")}&client_secret=x", NoAuthorization),
        ["sql in scope"] = Of(400, "invalid_scope", Token, $"{Cc}&scope={Escape("sample-api.read' OR 1=1; DROP TABLE OpenIddictTokens; --")}"),
        ["script in scope"] = Of(400, "invalid_scope", Token, $"{Cc}&scope={Escape("<script>alert(1)</script>")}"),

        // huge scope lists
        ["scope list of five thousand unknown scopes"] = Of(400, "invalid_scope", Token,
            $"{Cc}&scope=" + string.Join("+", Enumerable.Range(0, 5_000).Select(i => $"s{i}"))),
        ["scope list of one granted scope three thousand times"] = Of(200, null, Token,
            $"{Cc}&scope=" + string.Join("+", Enumerable.Repeat("sample-api.read", 3_000))),
        // Issue 19, item 3: the client is authenticated first, and a list over the cap is refused without a scope lookup.
        ["scope list of nine thousand names from an unknown client"] = Of(401, "invalid_client", Token,
            $"{Cc}&scope={NineThousandScopes}", Basic("no-such-client:whatever")),
        ["scope list of nine thousand names with a wrong secret"] = Of(401, "invalid_client", Token,
            $"{Cc}&scope={NineThousandScopes}", Basic($"{TestClients.Script}:wrong-secret")),
        ["scope list of nine thousand names in the body without a secret"] = Of(401, "invalid_client", Token,
            $"{Cc}&client_id={TestClients.Script}&scope={NineThousandScopes}", NoAuthorization),
        ["scope list of nine thousand names from an authenticated client"] = Of(400, "invalid_scope", Token, $"{Cc}&scope={NineThousandScopes}"),
        ["scope list of fifty-one distinct names"] = Of(400, "invalid_scope", Token,
            $"{Cc}&scope=sample-api.read+" + string.Join("+", Enumerable.Range(0, 50).Select(i => $"s{i}"))),
        ["scope name over two hundred characters from an unknown client"] = Of(401, "invalid_client", Token,
            $"{Cc}&scope={new string('s', 201)}", Basic("no-such-client:whatever")),
    };

    private static string NineThousandScopes => string.Join("+", Enumerable.Range(0, 9_000).Select(i => $"s{i}"));

    public static TheoryData<string> Cases => Names(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Hostile_token_request_gets_its_exact_error_and_the_server_still_issues(string name) =>
        server.AssertAnsweredAsync(Table[name]);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.ASCII.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static HttpRequestMessage Multipart()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Token)
        {
            Content = new MultipartFormDataContent { { new StringContent("client_credentials"), "grant_type" } },
        };
        request.Headers.TryAddWithoutValidation("Authorization", ScriptBasic);
        return request;
    }
}
