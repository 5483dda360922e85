namespace AuthServer.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>The Bubble users' sessions: their rows, the encryption of the Bubble token each keeps, their audit rows, and the end of a chain.</summary>
    public static IServiceCollection AddUserSessions(this IServiceCollection services)
    {
        services.AddScoped<UserSessionStore>();
        services.AddScoped<SessionChains>();
        services.AddScoped<SessionEnding>();
        services.AddScoped<SessionAudit>();
        services.AddSingleton<SubjectTokenProtector>();
        return services;
    }
}
