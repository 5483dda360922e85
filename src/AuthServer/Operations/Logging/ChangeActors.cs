namespace AuthServer.Operations.Logging;

/// <summary>
/// Who made a change, as its log event and its audit row name it (<c>{Actor}</c>): the CLI, configuration at start,
/// the key schedule, or an administrator of the console by name. Beside the events, not in the administration layer,
/// because the key schedule and the configured catalog change the store too and name themselves the same way.
/// </summary>
public static class ChangeActors
{
    public const string Cli = "cli";
    public const string Configuration = "configuration";
    public const string KeySchedule = "key schedule";

    public static string Admin(string name) => "admin:" + name;

    /// <summary>A client acting on its own app's users (ending their sessions).</summary>
    public static string Client(string clientId) => "client:" + clientId;
}
