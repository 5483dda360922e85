namespace AuthServer.Tests.Docs;

/// <summary>
/// The tests that run the docs' <c>dotnet run</c> commands: one at a time, since each command builds its project and
/// two builds of the same project at once would race on its obj/ folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DocumentedCommandsCollection
{
    public const string Name = "Documented commands";
}
