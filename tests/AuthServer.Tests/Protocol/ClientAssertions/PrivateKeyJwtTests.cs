using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Protocol.ClientAssertions;

/// <summary>
/// <c>private_key_jwt</c> (RFC 7523 §2.2) against a real server: a script with a registered public key gets a token with
/// a signed assertion and no secret; every assertion that is not exactly right gets the answer a wrong secret gets.
/// </summary>
public sealed class PrivateKeyJwtTests : ServerTest
{
    private const string KeyClient = "key-script";
    private const string KeyOnlyClient = "key-only-script";
    private const string KeyOnlySecret = "key-only-old-secret-0123456789";
    private readonly ClientKeys _keys = new();
    private readonly ClientKeys _otherKeys = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = KeyClient,
        ["Clients:1:Jwks"] = _keys.PublicJwks,
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
        ["Clients:2:ClientId"] = KeyOnlyClient,
        ["Clients:2:ClientSecret"] = KeyOnlySecret,
        ["Clients:2:Jwks"] = _keys.PublicJwks,
        ["Clients:2:PrivateKeyJwtOnly"] = "true",
        ["Clients:2:GrantTypes:0"] = "client_credentials",
        ["Clients:2:Scopes:0"] = "sample-api.read",
    };

    /// <summary>The one audience an assertion may name: the issuer (here the server's URL, its Auth:Issuer).</summary>
    private string Issuer => Server.Url;

    private Task<TokenResponse> PostAsync(string assertion, string? clientId = null) =>
        Tokens.PostAsync(ClientKeys.Form(assertion, clientId: clientId), clientId: null, secret: null);

    [Fact]
    public async Task A_valid_assertion_gets_a_client_credentials_token_the_api_accepts()
    {
        var response = await PostAsync(_keys.Assertion(KeyClient, Issuer));

        Assert.True(response.Status == 200, response.Json.ToString());
        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal(KeyClient, token.Subject);
        Assert.Equal(KeyClient, token.GetClaim("client_id").Value);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await CallApiAsync("/data", response.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task The_request_may_name_its_client_id_too_but_not_another_one()
    {
        Assert.Equal(200, (await PostAsync(_keys.Assertion(KeyClient, Issuer), clientId: KeyClient)).Status);
        AssertRefused(await PostAsync(_keys.Assertion(KeyClient, Issuer), clientId: KeyOnlyClient));
    }

    [Fact]
    public async Task An_assertion_replayed_at_the_same_node_is_refused()
    {
        var assertion = _keys.Assertion(KeyClient, Issuer);

        Assert.Equal(200, (await PostAsync(assertion)).Status);
        AssertRefused(await PostAsync(assertion));
        Assert.True(Logs.HasEvent(1031));
    }

    public static TheoryData<string> BadAssertions => new()
    {
        "token endpoint as aud", "issuer with a slash as aud", "aud of another server", "far exp", "missing exp", "expired", "missing jti", "iss is not sub",
        "sub of another client", "unregistered key", "HS256", "alg none", "another client's iss and sub",
    };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task A_wrong_assertion_is_refused_like_a_wrong_secret(string wrong)
    {
        var assertion = wrong switch
        {
            "token endpoint as aud" => _keys.Assertion(KeyClient, Server.Url + "/connect/token"),
            "issuer with a slash as aud" => _keys.Assertion(KeyClient, Server.Url + "/"),
            "aud of another server" => _keys.Assertion(KeyClient, "https://other.example/connect/token"),
            "far exp" => _keys.Assertion(KeyClient, Issuer, d => d.Expires = DateTime.UtcNow.AddMinutes(30)),
            "missing exp" => _keys.Assertion(KeyClient, Issuer, d => d.Expires = null),
            "expired" => _keys.Assertion(KeyClient, Issuer, d =>
            {
                d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-10);
                d.Expires = DateTime.UtcNow.AddMinutes(-5);
            }),
            "missing jti" => _keys.Assertion(KeyClient, Issuer, d => d.Claims.Remove("jti")),
            "iss is not sub" => _keys.Assertion(KeyClient, Issuer, d => d.Claims["sub"] = "someone-else"),
            "sub of another client" => _keys.Assertion(KeyClient, Issuer, d => d.Claims["sub"] = TestClients.Script),
            "unregistered key" => _otherKeys.Assertion(KeyClient, Issuer),
            "HS256" => _keys.Assertion(KeyClient, Issuer, d => d.SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(new string('s', 64))), SecurityAlgorithms.HmacSha256)),
            "alg none" => _keys.Assertion(KeyClient, Issuer, d => d.SigningCredentials = null),
            "another client's iss and sub" => _keys.Assertion(TestClients.Script, Issuer),
            _ => throw new ArgumentOutOfRangeException(nameof(wrong)),
        };

        AssertRefused(await PostAsync(assertion));
        Assert.DoesNotContain(assertion, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HS256_signed_with_the_public_modulus_as_the_secret_is_refused()
    {
        // The classic confusion attack: the public key's bytes used as an HMAC secret.
        var modulus = JsonDocument.Parse(_keys.PublicJwks).RootElement.GetProperty("keys")[0].GetProperty("n").GetString()!;
        var assertion = _keys.Assertion(KeyClient, Issuer, d => d.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(modulus)), SecurityAlgorithms.HmacSha256));

        AssertRefused(await PostAsync(assertion));
    }

    [Fact]
    public async Task A_client_restricted_to_private_key_jwt_refuses_its_old_secret_and_accepts_its_key()
    {
        AssertRefused(await Tokens.ClientCredentialsAsync(KeyOnlyClient, KeyOnlySecret));
        AssertRefused(await Tokens.ClientCredentialsAsync(KeyOnlyClient, KeyOnlySecret, basic: false));
        Assert.True(Logs.HasEvent(1032));

        Assert.Equal(200, (await PostAsync(_keys.Assertion(KeyOnlyClient, Issuer))).Status);
    }

    [Fact]
    public async Task A_wrong_assertion_and_a_wrong_secret_get_the_same_answer()
    {
        var wrongSecret = await Tokens.ClientCredentialsAsync(TestClients.Script, "not-the-secret", basic: false);
        var wrongAssertion = await PostAsync(_otherKeys.Assertion(KeyClient, Issuer));

        AssertRefused(wrongSecret);
        AssertRefused(wrongAssertion);
        Assert.Equal(wrongSecret["error_description"], wrongAssertion["error_description"]);
    }

    [Fact]
    public async Task Discovery_advertises_private_key_jwt_and_only_asymmetric_algorithms()
    {
        foreach (var path in new[] { "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" })
        {
            var document = JsonDocument.Parse(await Tokens.Http.GetStringAsync(path)).RootElement;
            Assert.Contains("private_key_jwt", Strings(document, "token_endpoint_auth_methods_supported"));
            var algorithms = Strings(document, "token_endpoint_auth_signing_alg_values_supported");
            Assert.Contains("RS256", algorithms);
            Assert.Contains("ES256", algorithms);
            Assert.DoesNotContain(algorithms, a => a.StartsWith("HS", StringComparison.Ordinal) || a == "none");
        }
    }

    private static List<string> Strings(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static void AssertRefused(TokenResponse response)
    {
        OAuthAssert.Error(response, 401, "invalid_client");
        Assert.Equal("Client authentication failed.", response["error_description"]);
        Assert.Null(response["access_token"]);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _keys.Dispose();
        _otherKeys.Dispose();
    }
}
