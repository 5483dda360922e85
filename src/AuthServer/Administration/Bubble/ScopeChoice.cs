
namespace AuthServer.Administration.Bubble;

/// <summary>A scope step 2 of the wizard lists; <paramref name="Unavailable"/> says in plain words why it cannot be chosen, null when it can.</summary>
public sealed record ScopeChoice(string Name, string? Unavailable)
{
    public bool IsAvailable => Unavailable is null;
}
