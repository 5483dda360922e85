using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.ClientAssertions;

/// <summary><c>clients set-jwks</c> against a running server: the key works at once, and a private or symmetric key never gets in.</summary>
public sealed class SetJwksCliTests : ServerTest
{
    private const string Robot = "robot";
    private const string RobotSecret = "robot-secret-0123456789";
    private readonly ClientKeys _keys = new();

    private Task<CliResult> CliAsync(string commandLine) => CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine);

    private async Task AddRobotAsync() => Assert.Equal(0, (await CliAsync(
        $"clients add --client-id {Robot} --grant client_credentials --scope sample-api.read --secret {RobotSecret}")).ExitCode);

    private Task<TokenResponse> AssertionAsync() =>
        Tokens.PostAsync(ClientKeys.Form(_keys.Assertion(Robot, Server.Url)), clientId: null, secret: null);

    [Fact]
    public async Task Set_jwks_lets_the_client_use_its_key_and_keeps_its_secret_unless_told_otherwise()
    {
        await AddRobotAsync();
        var file = Directory.File("robot.jwks.json");
        await File.WriteAllTextAsync(file, _keys.PublicJwks);

        var set = await CliAsync($"clients set-jwks {Robot} --jwks-file {file}");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("1 public key", set.Out);
        Assert.Equal(200, (await AssertionAsync()).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(Robot, RobotSecret)).Status);
    }

    [Fact]
    public async Task Set_jwks_with_private_key_jwt_only_refuses_the_old_secret()
    {
        await AddRobotAsync();
        var file = Directory.File("robot.jwks.json");
        await File.WriteAllTextAsync(file, _keys.PublicJwks);

        Assert.Equal(0, (await CliAsync($"clients set-jwks {Robot} --jwks-file {file} --private-key-jwt-only")).ExitCode);

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, RobotSecret), 401, "invalid_client");
        Assert.Equal(200, (await AssertionAsync()).Status);
    }

    [Theory]
    [InlineData("private")]
    [InlineData("symmetric")]
    [InlineData("not json")]
    public async Task A_jwks_with_private_or_symmetric_keys_is_refused_with_a_clear_message(string kind)
    {
        await AddRobotAsync();
        var file = Directory.File("bad.jwks.json");
        await File.WriteAllTextAsync(file, kind switch
        {
            "private" => _keys.PrivateJwks,
            "symmetric" => """{"keys":[{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]}""",
            _ => "-----BEGIN PUBLIC KEY-----",
        });

        var refused = await CliAsync($"clients set-jwks {Robot} --jwks-file {file}");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(kind switch { "private" => "private key material", "symmetric" => "symmetric key", _ => "not JSON" }, refused.Error);
        Assert.DoesNotContain("c2VjcmV0", refused.Error + refused.Out);
        OAuthAssert.Error(await AssertionAsync(), 401, "invalid_client");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _keys.Dispose();
    }
}
