using System.Text.RegularExpressions;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The guide can be followed click by click: nothing is used before a step made it, every call a workflow runs was set
/// up in the API Connector first, and each expression points back at an earlier action.
/// </summary>
public sealed partial class BubbleGuideOrderTests
{
    private static BubbleConnection Guide(string issuer = "https://auth.example.com", params string[] scopes) =>
        BubbleConnectionGuide.Build(issuer, new BubbleConnectionRequest("myapp", "a-long-random-secret",
            "https://myapp.bubbleapps.io/version-test", scopes.Length == 0 ? ["sample-api.read", "offline_access"] : scopes, ["plan"]));

    public static TheoryData<string> Scopes => ["sample-api.read offline_access", "sample-api.read"];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void A_test_token_is_got_before_any_step_tries_or_initializes_with_one(string scopes)
    {
        var markdown = Guide(scopes: scopes.Split(' ')).Steps.Select(s => s.ToMarkdown()).ToList();
        var tokenGot = markdown.FindIndex(m => m.Contains("**Get a test user's token**", StringComparison.Ordinal));

        Assert.Equal(0, tokenGot);
        var needers = markdown.Select((m, i) => (m, i))
            .Where(x => x.m.Contains("test user's token", StringComparison.Ordinal) && !x.m.Contains("**Get a test user's token**"))
            .Select(x => x.i).ToList();
        Assert.NotEmpty(needers);
        Assert.All(needers, i => Assert.True(i > tokenGot));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Every_call_a_workflow_runs_is_set_up_in_an_earlier_step(string scopes)
    {
        var steps = Guide(scopes: scopes.Split(' ')).Steps;
        for (var i = 0; i < steps.Length; i++)
        {
            foreach (var call in steps[i].Runs)
            {
                var setUp = steps.Select((s, index) => (s, index))
                    .Single(x => x.s.Items.Any(item => item.Text.StartsWith($"Add a call **{call.Name}**: *Use as* **Action**, `{call.Method} {call.Url}`",
                        StringComparison.Ordinal) && (call.Body is null || item.Code == call.Body)));
                Assert.True(setUp.index < i, $"{call.ActionName} is run in {steps[i].Id} before {setUp.s.Id} sets it up");
                Assert.Contains($"named `{call.Api}`", setUp.s.Heading);
            }
        }
    }

    [Fact]
    public void The_refresh_workflow_exists_before_the_login_page_schedules_it()
    {
        var ids = Guide().Steps.Select(s => s.Id).ToList();

        Assert.True(ids.IndexOf("refresh-workflow") < ids.IndexOf("login-page"));
        Assert.True(ids.IndexOf("user-fields") < ids.IndexOf("refresh-workflow"));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Each_result_of_step_n_names_an_earlier_action_of_the_same_workflow(string scopes)
    {
        foreach (var step in Guide(scopes: scopes.Split(' ')).Steps.Where(s => s.Numbered))
        {
            for (var i = 0; i < step.Items.Length; i++)
            {
                foreach (Match match in ResultOfStep().Matches(step.Items[i].Text))
                {
                    var n = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(n >= 1 && n <= i, $"{step.Id} action {i + 1} reads the result of step {n}");
                }
            }
        }
    }

    [Fact]
    public void The_login_ends_the_previous_session_and_its_loop_before_it_schedules_the_new_one_and_stores_its_id()
    {
        var page = Guide().Steps.Single(s => s.Id == "login-page");

        Assert.StartsWith("**AuthServer - revoke** with `refresh_token` = *Current User's refresh_token*", page.Items[3].Text);
        Assert.StartsWith("**Cancel a scheduled API workflow** with *Current User's refresh_job*", page.Items[4].Text);
        Assert.StartsWith("**Schedule API workflow** `refresh-auth`", page.Items[5].Text);
        Assert.Contains("`refresh_job` = *Result of step 6*", page.Items[6].Text);
        Assert.Contains("`bubble_token` = *Result of step 2's token*", page.Items[6].Text);
    }

    [Fact]
    public void The_logout_revokes_cancels_clears_and_only_then_logs_out_of_bubble()
    {
        var logout = Guide().Steps.Single(s => s.Id == "logout-page");

        Assert.Equal(5, logout.Items.Length);
        Assert.StartsWith("**AuthServer - revoke** with `refresh_token` = *Current User's refresh_token*", logout.Items[0].Text);
        Assert.StartsWith("**This app - logout** with `token` = *Current User's bubble_token*", logout.Items[1].Text);
        Assert.StartsWith("**Cancel a scheduled API workflow** with *Current User's refresh_job*", logout.Items[2].Text);
        Assert.StartsWith("**Make changes to Current User**: clear", logout.Items[3].Text);
        Assert.StartsWith("**Log the user out**", logout.Items[4].Text);
    }

    [Fact]
    public void The_refresh_loop_retries_a_503_a_bounded_number_of_times_and_re_exchanges_once_after_invalid_grant()
    {
        var loop = Guide().Steps.Single(s => s.Id == "refresh-workflow");
        var markdown = loop.ToMarkdown();

        Assert.Contains($"`tries` = *tries + 1*, at *Current date/time +(minutes) 1*; only when *Result of step 1's error status_code is 503 and tries < {BubbleGuideSteps.RefreshTries}*", markdown);
        Assert.Single(loop.Items, i => i.Text.StartsWith("**AuthServer - exchange**", StringComparison.Ordinal));
        Assert.StartsWith("**Make changes to user**: clear", loop.Items[^1].Text);
        Assert.Equal(2, Regex.Count(markdown, Regex.Escape("**Schedule API workflow** `refresh-auth` with `user` = *user*, `tries` = `0`")));
    }

    [Fact]
    public void The_api_call_sends_the_access_token_as_a_bearer_and_retries_once_after_a_refresh()
    {
        var guide = Guide();
        var request = guide.Calls.Api.Fill(new Dictionary<string, string> { ["access_token"] = "eyJ.a.b" });

        Assert.Equal(("GET", BubbleConnectionRequest.ExampleApiUrl, (string?)null), (request.Method, request.Url, request.Body));
        Assert.Equal(new KeyValuePair<string, string>[] { new("Authorization", "Bearer eyJ.a.b") }, request.Headers.AsEnumerable());
        var page = guide.Steps.Single(s => s.Id == "api-page");
        Assert.Equal(["My API - me", "AuthServer - refresh", "My API - me"], page.Runs.Select(c => c.ActionName));
        Assert.Contains("only when *Result of step 1's error status_code is 401*", page.Items[1].Text);
    }

    [Fact]
    public void Filling_a_call_inserts_values_as_they_are_and_refuses_a_missing_or_unknown_parameter()
    {
        var calls = Guide().Calls;

        var revoke = calls.Revoke!.Fill(new Dictionary<string, string> { ["refresh_token"] = "a+b/c=" });
        Assert.Equal("token=a+b/c=&token_type_hint=refresh_token", revoke.Body);
        Assert.Equal("https://auth.example.com/connect/revoke", revoke.Url);
        Assert.Equal(["Authorization", "Content-Type"], revoke.Headers.Select(h => h.Key));
        Assert.Throws<ArgumentException>(() => calls.Exchange.Fill(new Dictionary<string, string>()));
        Assert.Throws<ArgumentException>(() => calls.Exchange.Fill(new Dictionary<string, string> { ["token"] = "t", ["scope"] = "x" }));
        Assert.Equal(new[] { "email", "password" }, calls.Login.Parameters.AsEnumerable());
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("https://10.0.0.5")]
    [InlineData("http://auth.example.com")]
    public void An_issuer_bubble_cannot_reach_is_warned_about_in_the_step_that_sets_up_the_calls(string issuer)
    {
        var guide = Guide(issuer);

        Assert.NotNull(guide.ReachabilityWarning);
        Assert.Equal(IssuerReachability.Warning(guide.TokenEndpoint), guide.ReachabilityWarning);
        Assert.StartsWith(guide.ReachabilityWarning, guide.Steps.Single(s => s.Id == "authserver-api").Note);
    }

    [Fact]
    public void A_public_https_issuer_gets_no_warning()
    {
        var guide = Guide();

        Assert.Null(guide.ReachabilityWarning);
        Assert.StartsWith("Bubble's servers send these calls from the internet", guide.Steps.Single(s => s.Id == "authserver-api").Note);
    }

    [GeneratedRegex(@"Result of step (\d+)")]
    private static partial Regex ResultOfStep();
}
