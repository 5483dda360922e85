namespace AuthServer.Options;

/// <summary>One entry of <c>Scopes</c>: an API scope and the audiences it grants.</summary>
public sealed class ScopeDefinition
{
    public string Name { get; set; } = "";

    public List<string> Resources { get; set; } = [];
}
