
namespace AuthServer.Administration.Bubble;

/// <summary>
/// A scope step 2 of the wizard lists: <paramref name="Resources"/> are the APIs (audiences) a token with it is
/// meant for, which the page names so that "scope" means something; <paramref name="Unavailable"/> says in plain
/// words why it cannot be chosen, null when it can.
/// </summary>
public sealed record ScopeChoice(string Name, string? Unavailable, IReadOnlyList<string> Resources)
{
    public bool IsAvailable => Unavailable is null;
}
