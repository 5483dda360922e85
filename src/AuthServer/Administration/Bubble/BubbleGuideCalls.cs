using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// Every call the guide tells the builder to create in the API Connector, plus the <c>whoami</c> check it has them
/// try with curl, and the app's own <c>logout</c> workflow that ends the Bubble token a session kept. The guide renders these objects, and the journey test sends them: each is the one source of its
/// method, URL, headers and body. Without <c>offline_access</c> there is no refresh and nothing to revoke.
/// </summary>
public sealed record BubbleGuideCalls(
    ConnectorCall Login,
    ConnectorCall Whoami,
    ConnectorCall Exchange,
    ConnectorCall? Refresh,
    ConnectorCall? Revoke,
    ConnectorCall Api,
    ConnectorCall Logout)
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public static BubbleGuideCalls For(BubbleGuideValues v)
    {
        ImmutableArray<ConnectorHeader> authServer =
            [new("Authorization", v.AuthorizationHeader ?? "Basic <shown when the secret is created or rotated>", Private: true)];
        ImmutableArray<ConnectorHeader> form = [new("Content-Type", FormContentType)];

        return new BubbleGuideCalls(
            Login: new("This app", "login", "POST", v.LoginWorkflowUrl, [], [new("Content-Type", "application/json")], "JSON",
                "{\"email\": \"<email>\", \"password\": \"<password>\", \"keep_logged_in\": true}"),
            Whoami: new("This app", v.Workflow, "POST", $"{v.AppUrl}/api/1.1/wf/{v.Workflow}", [],
                [new("Authorization", "Bearer <token>")], null, null),
            Exchange: new("AuthServer", "exchange", "POST", v.TokenEndpoint, authServer, form, "raw", v.ExchangeBody),
            Refresh: v.RefreshBody is { } refresh ? new("AuthServer", "refresh", "POST", v.TokenEndpoint, authServer, form, "raw", refresh) : null,
            Revoke: v.Refreshes
                ? new("AuthServer", "revoke", "POST", v.RevocationEndpoint, authServer, form, "raw",
                    "token=<refresh_token>&token_type_hint=refresh_token")
                : null,
            Api: new("My API", "me", "GET", v.ApiUrl, [], [new("Authorization", "Bearer <access_token>")], null, null),
            // Run with the user's Bubble token, Bubble's "Log the user out" ends that token: it can start no session again.
            Logout: new("This app", "logout", "POST", $"{v.AppUrl}/api/1.1/wf/logout", [], [new("Authorization", "Bearer <token>")], null, null));
    }
}
