using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole;

/// <summary>A JWKS pasted on a client's Keys page: the key authenticates the client at once, a private key never gets in.</summary>
public sealed class AdminClientKeysTests : ServerTest
{
    private const string Robot = "robot";
    private const string RobotSecret = "robot-secret-0123456789";
    private readonly ClientKeys _keys = new();
    private AdminHttpSession _console = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminHttpSession.AdminName}",
            AdminHttpSession.AdminPassword + "\n")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url,
            $"clients add --client-id {Robot} --grant client_credentials --scope sample-api.read --secret {RobotSecret}")).ExitCode);
        _console = new AdminHttpSession(Server.Url);
        await _console.SignInAsync();
    }

    private async Task<string> PasteAsync(string jwks, bool only)
    {
        var path = $"/admin/Clients/Keys?id={Robot}";
        var token = await _console.FormTokenAsync(path);
        var fields = new Dictionary<string, string> { ["Jwks"] = jwks };
        if (only) fields["PrivateKeyJwtOnly"] = "true";
        using var response = await _console.PostFormAsync(path, token, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<TokenResponse> AssertionAsync() =>
        Tokens.PostAsync(ClientKeys.Form(_keys.Assertion(Robot, Server.Url)), clientId: null, secret: null);

    [Fact]
    public async Task Pasted_public_keys_authenticate_the_client_and_only_refuses_its_secret()
    {
        var page = await PasteAsync(_keys.PublicJwks, only: true);

        Assert.Contains("id=\"keys-done\"", page);
        Assert.Equal(200, (await AssertionAsync()).Status);
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, RobotSecret), 401, "invalid_client");
    }

    [Fact]
    public async Task A_pasted_private_key_is_refused_and_not_echoed()
    {
        var page = await PasteAsync(_keys.PrivateJwks, only: false);

        Assert.Contains("private key material", page);
        Assert.DoesNotContain("id=\"keys-done\"", page);
        Assert.DoesNotContain(System.Text.Json.JsonDocument.Parse(_keys.PrivateJwks).RootElement.GetProperty("keys")[0].GetProperty("d").GetString()!, page);
        OAuthAssert.Error(await AssertionAsync(), 401, "invalid_client");
    }

    public override async Task DisposeAsync()
    {
        _console.Dispose();
        await base.DisposeAsync();
        _keys.Dispose();
    }
}
