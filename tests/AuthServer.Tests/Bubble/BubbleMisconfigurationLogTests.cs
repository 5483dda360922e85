using AuthServer.Tests.Infrastructure;
using AuthServer.Tests.Protocol.Token.Exchange;

namespace AuthServer.Tests.Bubble;

/// <summary>
/// A misconfigured whoami is logged once, by the event that says what is wrong with its answer; the generic
/// "answered N, check that the workflow exists" line (3003) is only for an answer whose cause nothing else named
/// (a missing workflow, ExchangeMisconfigurationTests), as it would send the reader to the wrong place.
/// </summary>
public sealed class BubbleMisconfigurationLogTests : ExchangeTest
{
    private int _users;

    [Theory]
    [InlineData("""{"user_id":"ada@example.com","email":"ada@example.com"}""", 3050)] // not Bubble's shape
    [InlineData("""{"user_id":"1234567890123x","email":"ada@example.com"}""", 3050)]
    [InlineData("""{"user_id":"u\ud800x","email":"lone@example.com"}""", 3012)]       // lone surrogate
    [InlineData("""[1]""", 3006)]                                                        // no response object
    public async Task A_misconfigured_answer_logs_its_own_cause_and_not_the_missing_workflow_line(string rawResponse, int expected)
    {
        var email = $"raw{++_users}@example.com";
        Bubble.Simulator.Live.AddUser(email, UserPassword, rawResponse: rawResponse);

        var response = await ExchangeAsync(await LogInAsync(Bubble.Url, email));

        OAuthAssert.Error(response, 500, "server_error");
        Assert.True(Logs.HasEvent(expected), $"the cause ({expected}) was not logged: " + Logs.AllText);
        Assert.False(Logs.HasEvent(3003), "a misleading missing-workflow line (3003) was logged: " + Logs.AllText);
    }
}
