using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol;

/// <summary>Tokens must validate in a library that shares no code with AuthServer: jose on Node.js.</summary>
public sealed class IndependentValidatorTests : ServerTest
{
    [Fact]
    public async Task Jose_accepts_a_client_credentials_token_with_strict_rfc9068_checks()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        var (exitCode, output) = await NodeVerifier.VerifyAsync(Server.Url, "sample-api", token);

        Assert.True(exitCode == 0, output);
        var payload = JsonDocument.Parse(output).RootElement.GetProperty("payload");
        Assert.Equal(TestClients.Script, payload.GetProperty("sub").GetString());
        Assert.Equal(Server.Url, payload.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task Jose_rejects_the_token_for_another_audience()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        var (exitCode, output) = await NodeVerifier.VerifyAsync(Server.Url, "another-api", token);

        Assert.Equal(1, exitCode);
        Assert.Contains("aud", output);
    }
}
