using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token;

/// <summary>RFC 6749 §5.2: missing, malformed or failed client authentication is 401 invalid_client with a Basic challenge, at all three endpoints.</summary>
public sealed class ClientAuthenticationTests : InProcessServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = "neighbour",
        ["Clients:1:ClientSecret"] = "neighbour-secret-0123456789",
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
    };

    public static TheoryData<string, string?> Cases()
    {
        var data = new TheoryData<string, string?>();
        foreach (var path in new[] { "/connect/token", "/connect/introspect", "/connect/revoke" })
        {
            data.Add(path, null); // no client authentication at all
            data.Add(path, "Basic !!!"); // not base64
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("no-colon"))); // no client_id:secret pair
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{TestClients.Script}:wrong-secret")));
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("nobody:whatever")));
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{TestClients.Script}:"))); // an empty secret
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Missing_malformed_or_wrong_client_authentication_is_401_invalid_client_with_a_basic_realm(string path, string? authorization)
    {
        var response = await PostAsync(path, authorization);

        Assert.Equal(401, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Matches("(^|, )realm=\"[^\"]+\"", challenge.Parameter);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Requests_without_a_client_id_never_reach_the_limiter_and_never_lock_anyone_out()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(401, (int)(await PostAsync("/connect/token", null)).StatusCode);
            Assert.Equal(401, (int)(await PostAsync("/connect/introspect", "Basic !!!")).StatusCode);
        }

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    public static TheoryData<string> Endpoints() => new() { "/connect/token", "/connect/introspect", "/connect/revoke" };

    // Otherwise anyone can learn which client ids exist by comparing the two answers (issue 19, item 22).
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_unknown_client_id_and_a_wrong_secret_get_the_same_error_description(string path)
    {
        var unknown = await ReadErrorAsync(await PostAsync(path, Basic("no-such-client", TestClients.ScriptSecret)));
        var wrongSecret = await ReadErrorAsync(await PostAsync(path, Basic(TestClients.Script, "wrong-secret")));
        var unknownInBody = await ReadErrorAsync(await PostAsync(path, null, ("client_id", "no-such-client"), ("client_secret", "x")));
        var wrongSecretInBody = await ReadErrorAsync(await PostAsync(path, null, ("client_id", TestClients.Script), ("client_secret", "x")));

        Assert.Equal(("invalid_client", unknown.Description), wrongSecret);
        Assert.Equal(unknown, unknownInBody);
        Assert.Equal(unknown, wrongSecretInBody);
    }

    [Fact]
    public async Task An_unknown_client_id_and_a_known_one_without_their_secret_get_the_same_answer_to_an_exchange()
    {
        var exchange = new[] { ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"), ("subject_token", "bus|1|x"),
            ("subject_token_type", "urn:bubble:token-type:user") };

        var unknown = await ReadErrorAsync(await PostAsync("/connect/token", null, [.. exchange, ("client_id", "no-such-client")]));
        var known = await ReadErrorAsync(await PostAsync("/connect/token", null, [.. exchange, ("client_id", TestClients.Script)]));

        Assert.Equal("invalid_client", unknown.Error);
        Assert.Equal(unknown, known);
    }

    // RFC 6749 §2.3: a request authenticates one client. Basic names one, the body another (issue 19, item 23).
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Basic_credentials_of_one_client_with_the_client_id_of_another_in_the_body_are_invalid_request(string path)
    {
        var response = await PostAsync(path, Basic(TestClients.Script, TestClients.ScriptSecret), ("client_id", "neighbour"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request", (await ReadErrorAsync(response)).Error);
    }

    [Fact]
    public async Task Basic_credentials_with_the_same_client_id_in_the_body_are_accepted()
    {
        var response = await PostAsync("/connect/token", Basic(TestClients.Script, TestClients.ScriptSecret), ("client_id", TestClients.Script));

        Assert.Equal(200, (int)response.StatusCode);
    }

    private static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));

    private static async Task<(string? Error, string? Description)> ReadErrorAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("error").GetString(), body.GetProperty("error_description").GetString());
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? authorization, params (string Name, string Value)[] extra)
    {
        var form = path.EndsWith("token", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["grant_type"] = "client_credentials" }
            : new Dictionary<string, string> { ["token"] = "not-a-token" };
        foreach (var (name, value) in extra)
        {
            form[name] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Tokens.Http.SendAsync(request);
    }
}
