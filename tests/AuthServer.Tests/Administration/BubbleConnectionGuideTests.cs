using System.Text;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>What the wizard shows for a client: endpoint, Basic value, bodies, User fields and steps.</summary>
public sealed class BubbleConnectionGuideTests
{
    private static BubbleConnectionRequest Request(string? secret = "a-long-random-secret", params string[] scopes) =>
        new("myapp", secret, "https://myapp.bubbleapps.io/version-test/",
            scopes.Length == 0 ? ["sample-api.read", "offline_access"] : scopes, ["plan"]);

    [Theory]
    [InlineData("myapp", "a-long-random-secret", "myapp:a-long-random-secret")]
    [InlineData("my app", "a:b%c+d e/é", "my+app:a%3Ab%25c%2Bd+e%2F%C3%A9")]
    public void Basic_value_form_urlencodes_id_and_secret_then_base64_encodes_them(string id, string secret, string encoded)
    {
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes(encoded)), ClientSecretBasic.HeaderValue(id, secret));
    }

    [Theory]
    [InlineData("https://auth.example.com", "https://auth.example.com/connect/token")]
    [InlineData("https://auth.example.com/", "https://auth.example.com/connect/token")]
    [InlineData("https://example.com/auth", "https://example.com/auth/connect/token")]
    public void Token_endpoint_is_under_the_issuer(string issuer, string endpoint)
    {
        Assert.Equal(endpoint, BubbleConnectionGuide.Build(issuer, Request()).TokenEndpoint);
    }

    [Fact]
    public void Bodies_carry_the_bubble_token_type_the_scopes_and_the_api_connectors_placeholders()
    {
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", Request());

        Assert.Equal("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=<token>"
            + "&subject_token_type=urn:bubble:token-type:user&scope=sample-api.read%20offline_access", connection.ExchangeBody);
        Assert.Equal("grant_type=refresh_token&refresh_token=<refresh_token>", connection.RefreshBody);
        Assert.Equal("Basic bXlhcHA6YS1sb25nLXJhbmRvbS1zZWNyZXQ=", connection.AuthorizationHeader);
        Assert.Equal("https://myapp.bubbleapps.io/version-test/api/1.1/wf/login", connection.LoginWorkflowUrl);
        Assert.Equal(new[] { "access_token", "refresh_token", "token_expires_at", "bubble_token", "refresh_job" },
            connection.UserFields.Select(f => f.Name));
        Assert.Equal(new[]
            {
                "login-workflow", "whoami", "login-call", "authserver-api", "api-call", "user-fields", "refresh-workflow", "login-page",
                "api-page", "logout-page",
            },
            connection.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Without_offline_access_nothing_mentions_a_refresh()
    {
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", Request(scopes: "sample-api.read"));

        Assert.Null(connection.RefreshBody);
        Assert.Null(connection.Calls.Refresh);
        Assert.Null(connection.Calls.Revoke);
        Assert.Equal(new[] { "access_token", "token_expires_at", "bubble_token" }, connection.UserFields.Select(f => f.Name));
        Assert.DoesNotContain(connection.Steps, s => s.Id == "refresh-workflow");
        Assert.DoesNotContain("refresh", string.Concat(connection.Steps.Select(s => s.ToMarkdown())));
        Assert.DoesNotContain("revoke", string.Concat(connection.Steps.Select(s => s.ToMarkdown())));
    }

    [Fact]
    public void A_secret_no_longer_known_shows_no_authorization_value()
    {
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", Request(secret: null));

        Assert.Null(connection.AuthorizationHeader);
        Assert.Contains("shown when the secret is created or rotated", connection.Steps.Single(s => s.Id == "authserver-api").ToMarkdown());
    }

    [Fact]
    public void The_exchange_takes_the_token_of_the_login_api_call_never_of_the_pages_log_in()
    {
        var page = BubbleConnectionGuide.Build("https://auth.example.com", Request()).Steps.Single(s => s.Id == "login-page");

        Assert.StartsWith("**Log the user in**", page.Items[0].Text);
        Assert.StartsWith("**This app - login**", page.Items[1].Text);
        Assert.Equal("**AuthServer - exchange** with `token` = *Result of step 2's token*.", page.Items[2].Text);
        Assert.DoesNotContain("step 1's token", page.ToMarkdown());
    }

    [Fact]
    public void The_whoami_step_lists_the_clients_bubble_claims_and_the_configured_workflow()
    {
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", Request(), "who-is-this");
        var whoami = connection.Steps.Single(s => s.Id == "whoami");

        Assert.Contains("named `who-is-this`", whoami.Heading);
        Assert.EndsWith("`plan` = *Current User's plan*.", whoami.Items[^2].Text);
        Assert.Equal("https://myapp.bubbleapps.io/version-test/api/1.1/wf/who-is-this", connection.Calls.Whoami.Url);
        Assert.Equal(connection.Calls.Whoami.ToCurl(), whoami.Items[^1].Code);
    }

    [Fact]
    public void Guide_text_splits_into_strong_emphasis_code_and_plain_segments()
    {
        var segments = GuideText.Segments("Run **AuthServer - exchange** with `token` = *Result of step 2's token*.");

        Assert.Equal(new[]
        {
            new GuideSegment(GuideSegmentKind.Text, "Run "),
            new GuideSegment(GuideSegmentKind.Strong, "AuthServer - exchange"),
            new GuideSegment(GuideSegmentKind.Text, " with "),
            new GuideSegment(GuideSegmentKind.Code, "token"),
            new GuideSegment(GuideSegmentKind.Text, " = "),
            new GuideSegment(GuideSegmentKind.Emphasis, "Result of step 2's token"),
            new GuideSegment(GuideSegmentKind.Text, "."),
        }, segments);
    }
}
