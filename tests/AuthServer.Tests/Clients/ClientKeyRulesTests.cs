using AuthServer.Clients;
using AuthServer.Options;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Clients;

/// <summary>What a configured client's <c>Jwks</c> may be, each refusal naming the key the operator wrote.</summary>
public sealed class ClientKeyRulesTests : IDisposable
{
    private readonly ClientKeys _keys = new();

    private static List<string> Check(ClientDefinition client) =>
        [.. ClientRules.Check(client, (field, index) => index is null ? $"Clients:0:{field}" : $"Clients:0:{field}:{index}", _ => true)];

    private ClientDefinition KeyClient(string? jwks = null, string? secret = null, bool only = false) => new()
    {
        ClientId = "robot", ClientSecret = secret, Jwks = jwks ?? _keys.PublicJwks, PrivateKeyJwtOnly = only,
        GrantTypes = ["client_credentials"], Scopes = ["sample-api.read"],
    };

    [Fact]
    public void A_client_with_public_keys_and_no_secret_may_use_client_credentials() => Assert.Empty(Check(KeyClient()));

    [Fact]
    public void A_jwks_holding_a_private_key_is_refused_naming_the_key()
    {
        var problem = Assert.Single(Check(KeyClient(_keys.PrivateJwks)));

        Assert.StartsWith("Clients:0:Jwks", problem);
        Assert.Contains("private key material", problem);
    }

    [Theory]
    [InlineData("""{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}""", "symmetric")]
    [InlineData("""{"keys":[]}""", "between 1 and")]
    [InlineData("""{"kty":"RSA"}""", "\"keys\" array")]
    [InlineData("""{"keys":[{"kty":"RSA","e":"AQAB"}]}""", "cannot verify")]
    public void A_jwks_that_is_not_public_signing_keys_is_refused(string jwks, string expected) =>
        Assert.Contains(expected, Assert.Single(Check(KeyClient(jwks))));

    [Fact]
    public void Private_key_jwt_only_needs_keys()
    {
        var client = KeyClient(secret: "a-secret-0123456789", only: true);
        client.Jwks = null;

        Assert.Contains(Check(client), p => p.StartsWith("Clients:0:PrivateKeyJwtOnly", StringComparison.Ordinal));
    }

    public void Dispose() => _keys.Dispose();
}

/// <summary><c>Clients:N:JwksFile</c> becomes the JWKS text.</summary>
public sealed class ClientKeySourcesTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly ClientKeys _keys = new();

    private CatalogOptions Load(string json)
    {
        var file = _directory.File("appsettings.json");
        File.WriteAllText(file, json);
        var configuration = Microsoft.Extensions.Configuration.JsonConfigurationExtensions.AddJsonFile(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), file).Build();
        var options = new CatalogOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration, options);
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _directory.Path };
        new ClientKeySources(configuration, environment).PostConfigure(null, options);
        return options;
    }

    [Fact]
    public void A_jwks_file_relative_to_the_content_root_is_read()
    {
        File.WriteAllText(_directory.File("robot.jwks.json"), _keys.PublicJwks);

        var options = Load("""{"Clients":[{"ClientId":"robot","JwksFile":"robot.jwks.json"}]}""");

        Assert.Equal(_keys.PublicJwks, options.Clients[0].Jwks);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _directory.Dispose();
    }
}
