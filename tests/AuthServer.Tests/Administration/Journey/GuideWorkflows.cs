using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>The User's fields of the guide's "Where the tokens live".</summary>
public sealed class GuideUser
{
    public string? AccessToken { get; set; }
    public string? RefreshToken { get; set; }
    public string? BubbleToken { get; set; }
    public string? RefreshJob { get; set; }

    public bool IsCleared => AccessToken is null && RefreshToken is null && BubbleToken is null && RefreshJob is null;

    public void Clear() => AccessToken = RefreshToken = BubbleToken = RefreshJob = null;
}

/// <summary>What a run of <c>refresh-auth</c> left scheduled: the next run's <c>tries</c>, or nothing.</summary>
public sealed record RefreshOutcome(int? Tries)
{
    public static RefreshOutcome Stopped { get; } = new((int?)null);

    public static RefreshOutcome Scheduled(int tries) => new(tries);
}

/// <summary>
/// The guide's workflows as Bubble runs them: each action in the step's order, with the step's condition, each call
/// through <see cref="GuideCallRunner"/>. The conditions are the guide's (returned an error, error status_code,
/// error body contains invalid_grant, tries &lt; <see cref="BubbleGuideSteps.RefreshTries"/>).
/// </summary>
public sealed class GuideWorkflows(BubbleConnection guide, GuideCallRunner run)
{
    private readonly BubbleGuideCalls _calls = guide.Calls;

    /// <summary>The login page: steps 2 and 3 call, 4 to 7 end the previous session and its loop, schedule one and store the fields.</summary>
    public async Task<GuideCallResult> LogInAsync(GuideUser user, string email, string password)
    {
        var step2 = await run.RunAsync(_calls.Login, ("email", email), ("password", password));
        var step3 = await run.RunAsync(_calls.Exchange, ("token", step2["token"] ?? ""));
        if (!step3.ReturnedAnError)
        {
            // Step 4: the user's previous session ends with this login.
            if (_calls.Revoke is { } revoke && user.RefreshToken is { Length: > 0 } previous)
            {
                Assert.Equal(200, (await run.RunAsync(revoke, ("refresh_token", previous))).StatusCode);
            }

            Store(user, step3);
            user.BubbleToken = step2["token"];
            user.RefreshJob = _calls.Refresh is null ? null : Guid.NewGuid().ToString("N");
        }

        return step3;
    }

    /// <summary>Calling your API: on a 401, one refresh and one retry.</summary>
    public async Task<GuideCallResult> CallApiAsync(GuideUser user)
    {
        var step1 = await run.RunAsync(_calls.Api, ("access_token", user.AccessToken ?? ""));
        if (step1.StatusCode != 401)
        {
            return step1;
        }

        // With refresh tokens, a refresh; without (no offline_access), an exchange of the stored Bubble token.
        var step2 = _calls.Refresh is { } refresh
            ? await run.RunAsync(refresh, ("refresh_token", user.RefreshToken ?? ""))
            : await run.RunAsync(_calls.Exchange, ("token", user.BubbleToken ?? ""));
        if (string.IsNullOrEmpty(step2["access_token"]))
        {
            return step1;
        }

        Store(user, step2);
        return await run.RunAsync(_calls.Api, ("access_token", step2["access_token"]!));
    }

    /// <summary><c>refresh-auth</c>, its nine actions.</summary>
    public async Task<RefreshOutcome> RefreshAsync(GuideUser user, int tries)
    {
        var step1 = await run.RunAsync(_calls.Refresh!, ("refresh_token", user.RefreshToken ?? ""));
        if (!step1.ReturnedAnError)
        {
            Store(user, step1);
            return RefreshOutcome.Scheduled(0);
        }

        if (step1.StatusCode == 503 && tries < BubbleGuideSteps.RefreshTries)
        {
            return RefreshOutcome.Scheduled(tries + 1);
        }

        if (!step1.Body.Contains("invalid_grant", StringComparison.Ordinal))
        {
            return RefreshOutcome.Stopped;
        }

        var step6 = await run.RunAsync(_calls.Exchange, ("token", user.BubbleToken ?? ""));
        if (!string.IsNullOrEmpty(step6["access_token"]))
        {
            Store(user, step6);
            return RefreshOutcome.Scheduled(0);
        }

        user.Clear();
        return RefreshOutcome.Stopped;
    }

    /// <summary>The logout: revoke, end the kept Bubble token, cancel the loop, clear the fields (then Bubble's own logout).</summary>
    public async Task LogOutAsync(GuideUser user)
    {
        if (user.RefreshToken is { Length: > 0 } refreshToken)
        {
            var revoked = await run.RunAsync(_calls.Revoke!, ("refresh_token", refreshToken));
            Assert.Equal(200, revoked.StatusCode);
        }

        if (user.BubbleToken is { Length: > 0 } bubbleToken)
        {
            Assert.Equal(200, (await run.RunAsync(_calls.Logout, ("token", bubbleToken))).StatusCode);
        }

        user.Clear();
    }

    private static void Store(GuideUser user, GuideCallResult tokens)
    {
        user.AccessToken = tokens["access_token"];
        user.RefreshToken = tokens["refresh_token"];
    }
}
