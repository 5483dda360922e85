using AuthServer.Clients;

namespace AuthServer.Administration.ApiScopes;

/// <summary>
/// One scope as an administrator sees it: the audiences it grants and the clients that may ask for it.
/// <see cref="DeclaredIn"/> is set when configuration declares it: then it is read-only here.
/// </summary>
public sealed record ScopeSummary(string Name, IReadOnlyList<string> Resources, IReadOnlyList<string> UsedBy, ConfigurationOrigin? DeclaredIn)
{
    public bool IsReadOnly => DeclaredIn is not null;
}

/// <summary>The answer to a scope change: what was done, or the expected reason it was not.</summary>
public abstract record ScopeOutcome;

public sealed record ScopeCreated(ScopeSummary Scope) : ScopeOutcome;

public sealed record ScopeUpdated(ScopeSummary Scope) : ScopeOutcome;

public sealed record ScopeRemoved(string Name) : ScopeOutcome;

public sealed record ScopeNotFound(string Name) : ScopeOutcome;

public sealed record ScopeAlreadyExists(string Name) : ScopeOutcome;

/// <summary>Configuration declares the scope; change it there (<see cref="Origin"/>), it applies at the next start.</summary>
public sealed record ScopeDeclaredInConfiguration(string Name, ConfigurationOrigin Origin) : ScopeOutcome;

/// <summary>Clients may still ask for the scope: remove it from them first.</summary>
public sealed record ScopeInUse(string Name, IReadOnlyList<string> Clients) : ScopeOutcome;

public sealed record ScopeInvalid(IReadOnlyList<string> Problems) : ScopeOutcome;

/// <summary>The one line an outcome that is not a success says, for the CLI and the console alike.</summary>
public static class ScopeRefusals
{
    public static string? Describe(ScopeOutcome outcome) => outcome switch
    {
        ScopeInvalid invalid => string.Join(" ", invalid.Problems),
        ScopeNotFound missing => $"Unknown scope '{missing.Name}'.",
        ScopeAlreadyExists existing => $"Scope '{existing.Name}' already exists.",
        ScopeDeclaredInConfiguration declared =>
            $"Scope '{declared.Name}' is declared in configuration ({declared.Origin}); change it there, it applies at the next start.",
        ScopeInUse used => $"Scope '{used.Name}' is still used by client{(used.Clients.Count == 1 ? "" : "s")} "
            + $"{string.Join(", ", used.Clients.Select(c => $"'{c}'"))}; remove it from {(used.Clients.Count == 1 ? "that client" : "them")} first.",
        _ => null,
    };
}
