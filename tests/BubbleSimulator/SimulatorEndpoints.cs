using System.Text.Json;

namespace BubbleSimulator;

/// <summary>Bubble's Workflow API as a Bubble app answers it, for live and version-test.</summary>
public static class SimulatorEndpoints
{
    public static void MapBubbleApi(this WebApplication app)
    {
        app.MapPost("/api/1.1/wf/{workflow}", (HttpContext http, string workflow, Simulator sim) => HandleAsync(http, sim, workflow, versionTest: false));
        app.MapPost("/version-test/api/1.1/wf/{workflow}", (HttpContext http, string workflow, Simulator sim) => HandleAsync(http, sim, workflow, versionTest: true));

        // A misconfigured app URL, as when a custom domain redirects elsewhere: Bubble answers 301.
        app.MapPost("/moved/api/1.1/wf/{workflow}", (string workflow) => Results.Redirect($"/api/1.1/wf/{workflow}", permanent: true));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, Simulator sim, string workflow, bool versionTest)
    {
        var bearer = Bearer(http.Request);
        var result = await AnswerAsync(http, sim, sim.For(versionTest), workflow, bearer);
        sim.Requests.Add(new ReceivedRequest(http.Request.Method, http.Request.Path, bearer is not null, sim.Clock.GetUtcNow(),
            (result as IStatusCodeHttpResult)?.StatusCode ?? 200));
        return result;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, Simulator sim, BubbleApp app, string workflow, string? bearer)
    {
        if (sim.Faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(sim.Faults.Delay, http.RequestAborted);
        }

        if (sim.Faults.Take() is { } failure)
        {
            return BubbleErrors.Capacity(failure);
        }

        // Bubble checks the token before anything else, even before it looks for the workflow.
        SimulatedUser? user = null;
        var admin = bearer is not null && bearer == sim.AdminKey;
        if (bearer is not null && !admin && (user = app.Use(bearer)) is null)
        {
            return BubbleErrors.Unauthorized(bearer);
        }

        return workflow switch
        {
            "login" => await LogInAsync(http.Request, app),
            "logout" when user is not null && bearer is not null => Success(new Dictionary<string, object?> { ["logged_out"] = app.LogOut(bearer) }),
            // A backend workflow whose one action is "Log out other user's sessions", run as the token's user.
            "logout-other-sessions" when user is not null && bearer is not null =>
                Success(new Dictionary<string, object?> { ["ended"] = app.LogOutOtherSessions(user.Id, keepToken: bearer) }),
            "whoami" when user?.RawResponse is { } raw => RawSuccess(raw),
            "whoami" when user is not null => Success(WhoAmI(user)),
            "whoami" when admin => Success(new Dictionary<string, object?> { ["user_id"] = "", ["email"] = "" }),
            "logout" or "logout-other-sessions" or "whoami" => BubbleErrors.Unauthorized(bearer ?? ""),
            _ => BubbleErrors.WorkflowNotFound(workflow),
        };
    }

    private static async Task<IResult> LogInAsync(HttpRequest request, BubbleApp app)
    {
        var input = await ReadInputAsync(request);
        if (!input.TryGetValue("email", out var email) || !input.TryGetValue("password", out var password))
        {
            return BubbleErrors.MissingParameter(input.ContainsKey("email") ? "password" : "email");
        }

        var keep = input.TryGetValue("keep_logged_in", out var k) && k is "true" or "yes";
        var lifetime = keep ? TimeSpan.FromDays(365) : TimeSpan.FromHours(24);
        var token = app.LogIn(email, password, lifetime);
        return token is null
            ? BubbleErrors.InvalidLogin()
            : Success(new Dictionary<string, object?>
            {
                ["token"] = token.Value,
                ["user_id"] = token.UserId,
                ["expires"] = (long)lifetime.TotalSeconds,
            });
    }

    private static Dictionary<string, object?> WhoAmI(SimulatedUser user)
    {
        var response = new Dictionary<string, object?>(user.Fields) { ["user_id"] = user.Id, ["email"] = user.Email };
        return response;
    }

    private static IResult Success(Dictionary<string, object?> response) =>
        Results.Json(new { status = "success", response });

    // Written as text: a serializer would repair what the test wants sent broken (a lone surrogate becomes U+FFFD).
    private static IResult RawSuccess(string rawResponse) =>
        Results.Text($"{{\"status\":\"success\",\"response\":{rawResponse}}}", "application/json");

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static async Task<Dictionary<string, string>> ReadInputAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return form.ToDictionary(f => f.Key, f => f.Value.ToString());
        }

        if (request.ContentLength is 0 || !(request.ContentType ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        using var document = await JsonDocument.ParseAsync(request.Body);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
    }
}
