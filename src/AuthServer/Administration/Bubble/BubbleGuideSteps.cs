using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// The steps of the README's "Connect your Bubble app", as data: the console renders them for a client, and a test
/// holds the README to their rendering for the README's example client, so the two never drift apart.
/// The login is built on what Bubble documents (shared/BUBBLE-FACTS.md): only an API workflow hands out a token, so
/// the login page calls the app's own <c>login</c> API workflow with the same email and password and exchanges the
/// <c>token</c> of that call's result; a page's "Log the user in" gives the next steps none.
/// </summary>
public static class BubbleGuideSteps
{
    public static ImmutableArray<UserField> UserFields(BubbleGuideValues v) => v.Refreshes
        ? [new("access_token", "text"), new("refresh_token", "text"), new("token_expires_at", "date")]
        : [new("access_token", "text"), new("token_expires_at", "date")];

    public static ImmutableArray<GuideStep> All(BubbleGuideValues v)
    {
        var steps = ImmutableArray.CreateBuilder<GuideStep>();
        steps.Add(Whoami(v));
        steps.Add(LoginWorkflow(v));
        steps.Add(LoginCall(v));
        steps.Add(AuthServerApi(v));
        steps.Add(UserFieldsStep(v));
        steps.Add(LoginPage(v));
        if (v.Refreshes)
        {
            steps.Add(RefreshWorkflow());
        }

        return steps.ToImmutable();
    }

    private static GuideStep Whoami(BubbleGuideValues v) => new("whoami",
        $"Settings → API: tick **This app exposes a Workflow API**. Then Backend workflows → **New API workflow**, named `{v.Workflow}`:",
        [
            new("*Expose as a public API workflow*: yes."),
            new("*This workflow can be run without authentication*: **no**."),
            new("*Ignore privacy rules when running the workflow*: no."),
            new("No parameters."),
            new("One action, **Return data from API**, with the keys `user_id` = *Current User's unique id*, `email` = "
                + "*Current User's email*" + string.Concat(v.Claims.Select(c => $", `{c}` = *Current User's {c}*")) + "."),
        ],
        Numbered: false,
        Note: "Return nothing else, and only text, number or yes/no values: the answer's size and each field's length are limited.");

    private static GuideStep LoginWorkflow(BubbleGuideValues v) => new("login-workflow",
        "**The `login` API workflow.** Backend workflows → **New API workflow**, named `login`:",
        [
            new("*Expose as a public API workflow*: yes."),
            new("*This workflow can be run without authentication*: **yes** (Bubble's manual: this is how users sign up or log in)."),
            new("Parameters `email` (text) and `password` (text)."),
            new("One action, **Log the user in**, with *email* and *password*."),
        ],
        Numbered: false,
        Note: "Run in an API workflow, **Log the user in** answers the caller with the user's `token`, `user_id` and "
            + "`expires` (in seconds); nothing else is needed. Run in a page workflow, it logs the browser in and gives the "
            + "next steps no token: that is why the login page calls this workflow. Try it: "
            + $"`POST {v.LoginWorkflowUrl}` with `{{\"email\":…,\"password\":…}}` answers "
            + "`{\"status\":\"success\",\"response\":{\"token\":\"bus|…\",\"user_id\":\"…\",\"expires\":86400}}`.");

    private static GuideStep LoginCall(BubbleGuideValues v) => new("login-call",
        "**The call to it.** Plugins → API Connector → **Add another API**, named `This app`, without shared headers, with a call **login**:",
        [
            new($"*Use as* **Action**, `POST {v.LoginWorkflowUrl}`, body type **JSON**, header `Content-Type: application/json`, body:",
                Code: "{\"email\": \"<email>\", \"password\": \"<password>\"}",
                After: "with `<email>` and `<password>` dynamic parameters (not private)."),
            new("**Initialize call** with a test user's email and password: Bubble runs the call and learns `token`, "
                + "`user_id` and `expires`. Keep the `token` for initializing **exchange** below."),
        ],
        Numbered: false);

    private static GuideStep AuthServerApi(BubbleGuideValues v)
    {
        List<GuideItem> items =
        [
            new("Authentication: *None or self-handled*."),
            new($"Shared header: `Authorization` = `{v.AuthorizationHeader ?? "Basic <shown when the secret is created or rotated>"}`, "
                + "tick **Private** (the secret never reaches the browser)."),
            new($"Add a call **exchange**: *Use as* **Action**, `POST {v.TokenEndpoint}`, body type **raw**, header "
                + "`Content-Type: application/x-www-form-urlencoded`, body:",
                Code: v.ExchangeBody,
                After: "with `<token>` a dynamic parameter (not private). Initialize it with the `token` of the **login** call."),
            new("Tick **Include errors in response and allow workflow actions to continue**, so the workflow can react to a "
                + "`503` (try again shortly) or `400 invalid_request` (log the user in again)."),
        ];
        if (v.RefreshBody is { } refreshBody)
        {
            items.Add(new("Add a second call **refresh** the same way, body:",
                Code: refreshBody,
                After: "with `<refresh_token>` a dynamic parameter (not private). Initialize it with the `refresh_token` of the exchange."));
        }

        return new GuideStep("authserver-api", "**The calls to AuthServer.** In the API Connector, **Add another API**, named `AuthServer`:",
            [.. items], Numbered: false);
    }

    private static GuideStep UserFieldsStep(BubbleGuideValues v)
    {
        var fields = UserFields(v).Select(f => $"`{f.Name}` ({f.Type})").ToList();
        var list = string.Join(", ", fields[..^1]) + " and " + fields[^1];
        return new GuideStep("user-fields",
            $"**Where the tokens live.** On the **User** data type, add {(v.Refreshes ? "three" : "two")} fields: {list}. "
            + "Add a privacy rule so that only *This User* can see them.",
            [], Numbered: false);
    }

    private static GuideStep LoginPage(BubbleGuideValues v)
    {
        var changes = "**Make changes to Current User**: `access_token` = *Result of step 3's access_token*, "
            + (v.Refreshes ? "`refresh_token` = *Result of step 3's refresh_token*, " : "")
            + "`token_expires_at` = *Current date/time +(seconds) Result of step 3's expires_in*.";
        List<GuideItem> items =
        [
            new("**Log the user in** with *Input Email's value* and *Input Password's value*, as before: it logs the "
                + "browser in, and gives the next steps no token."),
            new("**This app - login** with `email` = *Input Email's value* and `password` = *Input Password's value*: the "
                + "same email and password, for a token from the `login` API workflow."),
            new("**AuthServer - exchange** with `token` = *Result of step 2's token*."),
            new(changes),
        ];
        if (v.Refreshes)
        {
            items.Add(new("**Schedule API workflow** `refresh-auth` with `user` = *Current User*, at "
                + "*Current date/time +(seconds) Result of step 3's expires_in +(minutes) -10*."));
        }

        return new GuideStep("login-page", "**The login page.** The workflow of its login button, in this order:", [.. items],
            Numbered: true,
            Note: $"Give {(v.Refreshes ? "steps 4 and 5" : "step 4")} the condition *Only when Result of step 3's access_token is not "
                + "empty*: after an error the result holds no tokens.");
    }

    private static GuideStep RefreshWorkflow() => new("refresh-workflow",
        "Backend workflows → **New API workflow**, named `refresh-auth`, with a parameter `user` (User); it need not be "
        + "public, since only your app schedules it:",
        [
            new("**AuthServer - refresh** with `refresh_token` = *user's refresh_token*."),
            new("**Make changes to user**: `access_token` = *Result of step 1's access_token*, `refresh_token` = "
                + "*Result of step 1's refresh_token* (it changes on every use), `token_expires_at` = "
                + "*Current date/time +(seconds) Result of step 1's expires_in*."),
            new("**Schedule API workflow** `refresh-auth` with `user` = *user*, at "
                + "*Current date/time +(seconds) Result of step 1's expires_in +(minutes) -10*."),
        ],
        Numbered: true,
        Note: "Give steps 2 and 3 the condition *Only when Result of step 1's access_token is not empty*. If the refresh "
            + "answers `invalid_grant`, clear the three fields, so that your app asks the user to log in again.");
}
