using AuthServer.Administration.Clients;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>What the pages say when the model refuses a change; the text is HTML-encoded where it is shown.</summary>
public static class ClientOutcomeText
{
    public static IReadOnlyList<string> Problems(ClientOutcome outcome) => outcome switch
    {
        ClientInvalid invalid => invalid.Problems,
        ClientNotFound missing => [$"There is no client '{missing.ClientId}'."],
        ClientAlreadyExists existing => [$"A client '{existing.ClientId}' exists already."],
        ClientDeclaredInConfiguration declared => [DeclaredIn(declared.ClientId, declared.Origin)],
        _ => [$"Unexpected outcome: {outcome.GetType().Name}."],
    };

    /// <summary>Why a configuration client is read-only here, and where to change it instead.</summary>
    public static string DeclaredIn(string clientId, AuthServer.Clients.ConfigurationOrigin origin) =>
        $"Client '{clientId}' is declared in configuration ({origin.Source}, key {origin.Key}): change it there; "
        + "the change applies at the next start, which would overwrite any edit made here.";
}
