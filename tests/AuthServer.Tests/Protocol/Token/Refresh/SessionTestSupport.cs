using System.Net.Http.Headers;
using AuthServer.Storage;
using AuthServer.Storage.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>What the session tests share: Bubble's own logout, and the session rows as the store holds them.</summary>
internal static class SessionTestSupport
{
    /// <summary>The Bubble app's "Log the user out", run by its logout API workflow with the user's token.</summary>
    public static async Task LogOutAtBubbleAsync(string bubbleUrl, string bubbleToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{bubbleUrl}/api/1.1/wf/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bubbleToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public static async Task<List<UserSession>> SessionsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().UserSessions.AsNoTracking().ToListAsync();
    }

    /// <summary>The sessions as the console and the CLI list them (with when each was last refreshed).</summary>
    public static async Task<IReadOnlyList<UserSession>> ListedAsync(IServiceProvider services, AuthServer.Sessions.SessionQuery query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthServer.Sessions.UserSessionStore>().ListAsync(query, CancellationToken.None);
    }

    public static async Task UpdateSessionsAsync(IServiceProvider services, Action<UserSession> change)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        foreach (var session in await db.UserSessions.ToListAsync()) change(session);
        await db.SaveChangesAsync();
    }

    public static async Task<List<string>> AuditActionsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }
}
