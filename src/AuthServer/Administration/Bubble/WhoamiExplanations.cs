using AuthServer.Bubble;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// What a builder should look at in Bubble for each answer of whoami: the settings of docs/bubble.md's step 1
/// (and shared/BUBBLE-FACTS.md: Bubble checks the token first; live and version-test have separate users).
/// </summary>
internal static class WhoamiExplanations
{
    public static string For(BubbleAnswer answer, string appUrl, string workflow) => answer switch
    {
        BubbleAnswer.User user =>
            $"Bubble's {workflow} workflow answered with user {user.UserId}: an exchange of this token would succeed, "
            + "and the access token would carry the claims below.",
        BubbleAnswer.NoUser =>
            "Bubble answered with an empty user_id: this is an admin API key (Settings → API), which runs as no user, or "
            + $"{workflow}'s user_id is not Current User's unique id. Exchanges of it answer invalid_request. "
            + "Paste the token of a logged-in user, from your login API workflow.",
        BubbleAnswer.Rejected =>
            $"Bubble answered 401: {appUrl} does not know this token. It is mistyped, expired or logged out, or it comes "
            + "from the other version of the app (live and version-test have separate users and tokens). "
            + "Log the user in again at that address and paste the new token. Exchanges of it answer invalid_request.",
        BubbleAnswer.Misconfigured { StatusCode: BubbleUserClient.PrivateAddressRefused } =>
            $"AuthServer did not call {appUrl}: its name resolves to a loopback, private or link-local address, and "
            + "Bubble:AllowPrivateAddresses is false. A Bubble app is on the public internet. Exchanges answer server_error until then.",
        BubbleAnswer.Misconfigured { StatusCode: 404 } =>
            $"Bubble answered 404: {appUrl} has no public API workflow named {workflow}. In Settings → API, tick "
            + $"\"This app exposes a Workflow API\"; in Backend workflows, create {workflow} with \"Expose as a public API "
            + "workflow\" ticked (on live, deploy it first). Exchanges answer server_error until then.",
        BubbleAnswer.Misconfigured { StatusCode: 400 } =>
            $"Bubble answered 400: {workflow} expects a parameter. It must take none: remove its parameters. "
            + "Exchanges answer server_error until then.",
        BubbleAnswer.Misconfigured { StatusCode: >= 300 and < 400 } misconfigured =>
            $"Bubble answered {misconfigured.StatusCode}, a redirect: {appUrl} is not the address the app is served at "
            + "(a custom domain that forwards elsewhere, http instead of https?). Set the client's Bubble app URL to the "
            + "app's own address; AuthServer never follows a redirect with a user's token.",
        BubbleAnswer.Misconfigured { StatusCode: 200 } =>
            $"Bubble answered, but not in the shape AuthServer reads: {workflow} must have one action, \"Return data from "
            + "API\", with user_id = Current User's unique id, email = Current User's email and the client's Bubble claims, "
            + $"as plain values and at most {BubbleLimits.MaxAnswerBytes / 1024} KiB in all "
            + "(the server log says which: events 3006, 3010, 3012, 3050; a user_id must be a Bubble unique id, digits x digits, "
            + "and every text well-formed). Exchanges answer server_error until then.",
        BubbleAnswer.Misconfigured misconfigured =>
            $"Bubble answered {misconfigured.StatusCode}, which {workflow} never should: check that it exists, is exposed "
            + "as a public API workflow and that \"This workflow can be run without authentication\" is unticked. "
            + "Exchanges answer server_error until then.",
        BubbleAnswer.Unavailable unavailable =>
            $"Bubble could not be asked: {unavailable.Reason}. Check that {appUrl} is the app's address and that the app "
            + "is up and within its plan's capacity (429 is Bubble's rate limit). Exchanges answer 503 meanwhile.",
        _ => "Bubble gave an answer AuthServer does not know.",
    };
}
