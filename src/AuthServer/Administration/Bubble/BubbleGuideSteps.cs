using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// The steps of docs/bubble.md ("Connect your Bubble app"), as data: the console renders them for a client, a test holds
/// docs/bubble.md to their rendering for its example client, and the journey test sends their calls.
/// The order is the one a builder can follow click by click: a test token before anything needs one, the API
/// Connector's calls before the workflows that run them, the backend workflow before the page that schedules it.
/// What Bubble does is taken from its manual and shared/BUBBLE-FACTS.md; what only Bubble's forum reports is said so.
/// </summary>
public static class BubbleGuideSteps
{
    /// <summary>How often a refresh answered 503 is tried again, a minute apart, before the loop stops.</summary>
    public const int RefreshTries = 5;

    public static ImmutableArray<UserField> UserFields(BubbleGuideValues v) => v.Refreshes
        ?
        [
            new("access_token", "text"), new("refresh_token", "text"), new("token_expires_at", "date"),
            new("bubble_token", "text"), new("refresh_job", "text"),
        ]
        : [new("access_token", "text"), new("token_expires_at", "date"), new("bubble_token", "text")];

    public static ImmutableArray<GuideStep> All(BubbleGuideValues v, BubbleGuideCalls calls, string? reachabilityWarning)
    {
        var steps = ImmutableArray.CreateBuilder<GuideStep>();
        steps.Add(LoginWorkflow(calls));
        steps.Add(Whoami(v, calls));
        steps.Add(LoginCall(calls));
        steps.Add(AuthServerApi(calls, reachabilityWarning));
        steps.Add(ApiCall(calls));
        steps.Add(UserFieldsStep(v));
        if (calls.Refresh is { } refresh)
        {
            steps.Add(RefreshWorkflow(refresh, calls.Exchange));
        }

        steps.Add(LoginPage(calls));
        steps.Add(ApiPage(calls));
        steps.Add(LogoutPage(calls));
        return steps.ToImmutable();
    }

    private static GuideStep LoginWorkflow(BubbleGuideCalls calls) => new("login-workflow",
        "**The `login` API workflow.** Settings → API: tick **This app exposes a Workflow API**. Then Backend workflows → "
        + "**New API workflow**, named `login`:",
        [
            new("*Expose as a public API workflow*: yes."),
            new("*This workflow can be run without authentication*: **yes** (Bubble's manual: this is how users sign up or log in)."),
            new("Parameters `email` (text), `password` (text) and `keep_logged_in` (yes/no)."),
            new("One action, **Log the user in**, with *email*, *password* and *Stay logged in* = *keep_logged_in*."),
            new("Beside it, a **New API workflow** named `logout`: *Expose as a public API workflow*: yes, *This workflow can be "
                + "run without authentication*: **no**, no parameters, one action **Log the user out**. Called with a user's token, "
                + "it ends that token (Bubble's manual: **Log the user out** run with a token ends it)."),
            new("**Get a test user's token** now: the next steps need one. Run", Code: calls.Login.ToCurl(),
                After: "with a test user's email and password. It answers "
                    + "`{\"status\":\"success\",\"response\":{\"token\":\"bus|…\",\"user_id\":\"…\",\"expires\":31536000}}`: keep the `token`."),
        ],
        Numbered: false,
        Note: "Run in an API workflow, **Log the user in** answers the caller with the user's `token`, `user_id` and `expires` "
            + "(in seconds). Kept logged in, the token lasts 12 months (1 month with two-factor authentication), otherwise "
            + "24 hours, and 30 days without use end it sooner (Bubble's manual on API authentication as a user). Run in a "
            + "page workflow, it logs the browser in and gives the next steps no token: that is why the login page calls "
            + "this workflow.");

    private static GuideStep Whoami(BubbleGuideValues v, BubbleGuideCalls calls) => new("whoami",
        $"**The `{v.Workflow}` API workflow.** AuthServer checks a Bubble token by asking your app who it belongs to. "
        + $"Backend workflows → **New API workflow**, named `{v.Workflow}`:",
        [
            new("*Expose as a public API workflow*: yes."),
            new("*This workflow can be run without authentication*: **no**."),
            new("*Ignore privacy rules when running the workflow*: no."),
            new("No parameters."),
            new("One action, **Return data from API**, with the keys `user_id` = *Current User's unique id*, `email` = "
                + "*Current User's email*" + string.Concat(v.Claims.Select(c => $", `{c}` = *Current User's {c}*")) + "."),
            new("**Try it** with the test user's token:", Code: calls.Whoami.ToCurl(),
                After: "It answers `{\"status\":\"success\",\"response\":{\"user_id\":…}}`. Once the client exists, the console's "
                    + "**Test whoami** checks the whole answer with the same token."),
        ],
        Numbered: false,
        Note: "Return nothing else, and only text, number or yes/no values: the answer's size and each field's length are limited.");

    private static GuideStep LoginCall(BubbleGuideCalls calls) => new("login-call",
        "**The call to your `login` workflow.** Plugins → API Connector → **Add another API**, named `This app`, without shared headers:",
        [
            calls.Login.SetupItem("**Initialize call** with the test user's email and password: Bubble learns `token`, `user_id` and `expires`."),
            calls.Logout.SetupItem("Initialize it with a second test token (run the `login` curl again), not the one you keep: "
                + "initializing logs that token out."),
        ],
        Numbered: false);

    private static GuideStep AuthServerApi(BubbleGuideCalls calls, string? reachabilityWarning)
    {
        var secret = calls.Exchange.SharedHeaders[0];
        List<GuideItem> items =
        [
            new("Authentication: *None or self-handled*."),
            new($"Shared header: `{secret.Name}` = `{secret.Value}`, tick **Private** (the secret never reaches the browser)."),
            calls.Exchange.SetupItem("Initialize it with the test user's `token`."),
        ];
        if (calls.Refresh is { } refresh && calls.Revoke is { } revoke)
        {
            items.Add(refresh.SetupItem("Initialize it with the `refresh_token` the exchange answered."));
            items.Add(revoke.SetupItem("Initialize it with the `refresh_token` the refresh answered: that ends this test session."));
        }

        items.Add(new("On each of these calls, tick **Include errors in response and allow workflow actions to continue**: the "
            + "workflows below read the error (`503`: try again later; `400 invalid_request` or `invalid_grant`: the user logs in again)."));

        return new GuideStep("authserver-api", "**The calls to AuthServer.** In the API Connector, **Add another API**, named `AuthServer`:",
            [.. items], Numbered: false,
            // The warning says the same as the general sentence, for this server's address: one of the two, never both.
            Note: reachabilityWarning
                ?? "Bubble's servers send these calls from the internet: AuthServer needs a public https address there. "
                + "`localhost` serves only the Bubble simulator.");
    }

    private static GuideStep ApiCall(BubbleGuideCalls calls) => new("api-call",
        "**The call to your API.** In the API Connector, **Add another API**, named `My API` (one call per endpoint you use; "
        + "`/me` stands for yours):",
        [
            calls.Api.SetupItem("Initialize it with the `access_token` of an exchange."),
            new("Tick **Include errors in response and allow workflow actions to continue**: a `401` means the access token "
                + "expired or its session ended."),
        ],
        Numbered: false,
        Note: "A `<…>` parameter inside a header's value is what Bubble's community reports, not something its manual "
            + "documents. If your editor offers no `<access_token>` parameter there, leave the header's **Private** box "
            + "unticked: the action then has an `Authorization` field of its own, to set to `Bearer ` followed by the access "
            + "token.");

    private static GuideStep UserFieldsStep(BubbleGuideValues v)
    {
        var fields = UserFields(v).Select(f => $"`{f.Name}` ({f.Type})").ToList();
        var list = string.Join(", ", fields[..^1]) + " and " + fields[^1];
        return new GuideStep("user-fields",
            $"**Where the tokens live.** On the **User** data type, add these fields: {list}. Add a privacy rule so that only "
            + "*This User* can see them. `bubble_token` keeps the login's Bubble token, to start a new session once without asking "
            + "the user" + (v.Refreshes ? "; `refresh_job` the id of the user's one scheduled refresh." : "."),
            [], Numbered: false);
    }

    private const string Step1Ok = "*Result of step 1's returned an error is no*";
    private static readonly string Step1Busy = $"*Result of step 1's error status_code is 503 and tries < {RefreshTries}*";
    private const string Step1Ended = "*Result of step 1's error body contains invalid_grant*";

    private static GuideStep RefreshWorkflow(ConnectorCall refresh, ConnectorCall exchange) => new("refresh-workflow",
        "**The refresh loop.** Backend workflows → **New API workflow**, named `refresh-auth`, with parameters `user` (User) and "
        + "`tries` (number); it need not be public, since only your app schedules it. Tick *Ignore privacy rules when running "
        + "the workflow*: it reads and changes the user's token fields, which the privacy rule shows to *This User* only. Its "
        + "actions, in this order, each with its condition (*Only when*):",
        [
            new($"**{refresh.ActionName}** with `refresh_token` = *user's refresh_token*.", Runs: refresh),
            new("**Schedule API workflow** `refresh-auth` with `user` = *user*, `tries` = `0`, at *Current date/time +(seconds) "
                + $"Result of step 1's expires_in +(minutes) -10*; only when {Step1Ok}."),
            new("**Make changes to user**: `access_token` = *Result of step 1's access_token*, `refresh_token` = *Result of "
                + "step 1's refresh_token* (it changes on every use), `token_expires_at` = *Current date/time +(seconds) Result "
                + $"of step 1's expires_in*, `refresh_job` = *Result of step 2*; only when {Step1Ok}."),
            new("**Schedule API workflow** `refresh-auth` with `user` = *user*, `tries` = *tries + 1*, at *Current date/time "
                + $"+(minutes) 1*; only when {Step1Busy}."),
            new($"**Make changes to user**: `refresh_job` = *Result of step 4*; only when {Step1Busy}."),
            new($"**{exchange.ActionName}** with `token` = *user's bubble_token*; only when {Step1Ended}.", Runs: exchange),
            new("**Schedule API workflow** `refresh-auth` with `user` = *user*, `tries` = `0`, at *Current date/time +(seconds) "
                + "Result of step 6's expires_in +(minutes) -10*; only when *Result of step 6's access_token is not empty*."),
            new("**Make changes to user**: `access_token`, `refresh_token` and `token_expires_at` as in step 3 but from *Result "
                + "of step 6*, `refresh_job` = *Result of step 7*; only when *Result of step 6's access_token is not empty*."),
            new("**Make changes to user**: clear `access_token`, `refresh_token`, `token_expires_at`, `bubble_token` and "
                + $"`refresh_job`; only when {Step1Ended} and *Result of step 6's access_token is empty*."),
        ],
        Numbered: true,
        Note: "Steps 2 and 3 are the usual path. A `503` (AuthServer or Bubble briefly unavailable) is tried again a minute "
            + $"later, {RefreshTries} times at most; then the loop stops, and the next call to your API refreshes. `invalid_grant` "
            + "means the session ended at AuthServer (its absolute lifetime, its user's sessions ended, or Bubble no longer knowing the "
            + "login it came from): one exchange of the stored Bubble "
            + "token starts a new one; if Bubble refuses that token too, the cleared fields make your app ask the user to "
            + "log in again. Bubble shows the expressions as *Result of step 1 (AuthServer - refresh)'s …*; *returned an "
            + "error*, *error status_code* and *error body* exist only with **Include errors in response and allow workflow "
            + "actions to continue** ticked, and are named as in Bubble's announcement of that option (forum, \"[New Features] "
            + "API Connector\"), which the manual does not list. *Schedule API workflow* returns the id that "
            + "*Cancel a scheduled API workflow* takes (Bubble's manual, backend workflow actions).");

    private static GuideStep LoginPage(BubbleGuideCalls calls)
    {
        const string exchanged = "*Result of step 3's returned an error is no*";
        List<GuideItem> items =
        [
            new("**Log the user in** with *Input Email's value*, *Input Password's value* and *Stay logged in*: yes, as before: "
                + "it logs the browser in, and gives the next steps no token."),
            new($"**{calls.Login.ActionName}** with `email` = *Input Email's value* and `password` = *Input Password's value*: the "
                + "same email and password, for a token from the `login` API workflow.", Runs: calls.Login),
            new($"**{calls.Exchange.ActionName}** with `token` = *Result of step 2's token*.", Runs: calls.Exchange),
        ];
        if (calls.Refresh is not null && calls.Revoke is { } revoke)
        {
            items.Add(new($"**{revoke.ActionName}** with `refresh_token` = *Current User's refresh_token*: the user's previous "
                + $"session ends with this login; only when *Current User's refresh_token is not empty* and {exchanged}.", Runs: revoke));
            items.Add(new("**Cancel a scheduled API workflow** with *Current User's refresh_job*: one refresh loop per user, however "
                + $"often they log in; only when *Current User's refresh_job is not empty* and {exchanged}."));
            items.Add(new("**Schedule API workflow** `refresh-auth` with `user` = *Current User*, `tries` = `0`, at *Current "
                + $"date/time +(seconds) Result of step 3's expires_in +(minutes) -10*; only when {exchanged}."));
            items.Add(new("**Make changes to Current User**: `access_token` = *Result of step 3's access_token*, `refresh_token` = "
                + "*Result of step 3's refresh_token*, `token_expires_at` = *Current date/time +(seconds) Result of step 3's "
                + $"expires_in*, `bubble_token` = *Result of step 2's token*, `refresh_job` = *Result of step 6*; only when {exchanged}."));
        }
        else
        {
            items.Add(new("**Make changes to Current User**: `access_token` = *Result of step 3's access_token*, `token_expires_at` = "
                + "*Current date/time +(seconds) Result of step 3's expires_in*, `bubble_token` = *Result of step 2's token*; "
                + $"only when {exchanged}."));
        }

        return new GuideStep("login-page", "**The login page.** The workflow of its login button, in this order:", [.. items],
            Numbered: true,
            Note: "If step 3 returned an error, say so on the page: after a `503` the user may try again in a moment.");
    }

    private static GuideStep ApiPage(BubbleGuideCalls calls)
    {
        const string renewed = "*Result of step 2's access_token is not empty*";
        List<GuideItem> items =
        [
            new($"**{calls.Api.ActionName}** with `access_token` = *Current User's access_token*.", Runs: calls.Api),
        ];
        if (calls.Refresh is { } refresh)
        {
            items.Add(new($"**{refresh.ActionName}** with `refresh_token` = *Current User's refresh_token*; only when *Result of "
                + "step 1's error status_code is 401*.", Runs: refresh));
            items.Add(new("**Make changes to Current User**: `access_token` = *Result of step 2's access_token*, `refresh_token` = "
                + "*Result of step 2's refresh_token*, `token_expires_at` = *Current date/time +(seconds) Result of step 2's "
                + $"expires_in*; only when {renewed}."));
        }
        else
        {
            items.Add(new($"**{calls.Exchange.ActionName}** with `token` = *Current User's bubble_token*; only when *Result of "
                + "step 1's error status_code is 401*.", Runs: calls.Exchange));
            items.Add(new("**Make changes to Current User**: `access_token` = *Result of step 2's access_token*, `token_expires_at` = "
                + $"*Current date/time +(seconds) Result of step 2's expires_in*; only when {renewed}."));
        }

        items.Add(new($"**{calls.Api.ActionName}** with `access_token` = *Result of step 2's access_token*; only when {renewed}.",
            Runs: calls.Api));
        return new GuideStep("api-page", "**Calling your API.** In each workflow that needs your API, in this order:", [.. items],
            Numbered: true,
            Note: "The answer is *Result of step 1* when step 1 returned no error, otherwise *Result of step 4*. A `401` means "
                + "the access token expired or its session ended: one " + (calls.Refresh is null ? "exchange" : "refresh")
                + " and one retry, never more. If that fails too, the user logs in again (after a `503`: in a moment). In a "
                + "backend workflow, use the "
                + "User it runs for instead of *Current User*.");
    }

    private static GuideStep LogoutPage(BubbleGuideCalls calls)
    {
        List<GuideItem> items = [];
        var bubbleLogout = new GuideItem($"**{calls.Logout.ActionName}** with `token` = *Current User's bubble_token*: Bubble ends "
            + "the token the session kept, so it can start no session again; only when *Current User's bubble_token is not empty*.",
            Runs: calls.Logout);
        if (calls.Revoke is { } revoke)
        {
            items.Add(new($"**{revoke.ActionName}** with `refresh_token` = *Current User's refresh_token*: AuthServer ends the "
                + "session, and no refresh works again; only when *Current User's refresh_token is not empty*.", Runs: revoke));
            items.Add(bubbleLogout);
            items.Add(new("**Cancel a scheduled API workflow** with *Current User's refresh_job*; only when *Current User's "
                + "refresh_job is not empty*."));
            items.Add(new("**Make changes to Current User**: clear `access_token`, `refresh_token`, `token_expires_at`, "
                + "`bubble_token` and `refresh_job`."));
        }
        else
        {
            items.Add(bubbleLogout);
            items.Add(new("**Make changes to Current User**: clear `access_token`, `token_expires_at` and `bubble_token`."));
        }

        items.Add(new("**Log the user out**: Bubble's own logout, last."));
        return new GuideStep("logout-page", "**The logout.** The workflow of your logout button, in this order:", [.. items],
            Numbered: true,
            Note: "An access token your API already holds stays valid until it expires (`expires_in`): APIs check tokens "
                + "offline, without asking AuthServer.");
    }
}
