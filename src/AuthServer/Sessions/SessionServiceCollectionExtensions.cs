namespace AuthServer.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>The Bubble users' sessions: their rows, the encryption of the Bubble token each keeps, their audit rows.</summary>
    public static IServiceCollection AddUserSessions(this IServiceCollection services)
    {
        services.AddScoped<UserSessionStore>();
        services.AddScoped<SessionAudit>();
        services.AddSingleton<SubjectTokenProtector>();
        return services;
    }
}
