using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Operations.Logging;

/// <summary>A full run's logs never carry a client secret or a token.</summary>
public sealed class LogHygieneTests : ServerTest
{
    [Fact]
    public async Task Logs_of_a_full_client_credentials_run_hold_no_secret_and_no_token()
    {
        var issued = await Tokens.ClientCredentialsAsync(basic: false);
        await Tokens.ClientCredentialsAsync(secret: "wrong-secret-that-must-not-be-logged");
        await CallApiAsync("/data", issued.AccessToken);
        await CallApiAsync("/data", issued.AccessToken + "x");

        var logs = Logs.AllText;
        Assert.True(Logs.HasEvent(2001), "the token issue event (2001) was not logged");
        Assert.DoesNotContain(TestClients.ScriptSecret, logs);
        Assert.DoesNotContain("wrong-secret-that-must-not-be-logged", logs);
        Assert.DoesNotContain(issued.AccessToken.Split('.')[2], logs);
        Assert.DoesNotContain(issued.AccessToken.Split('.')[1], logs);
    }
}
