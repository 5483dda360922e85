using AuthServer.AdminConsole;
using AuthServer.Administration.Clients;

namespace AuthServer.Administration.Audit;

/// <summary>
/// Who made a change, as it appears in the audit events (<c>{Actor}</c>): the CLI, configuration at start,
/// the key schedule, or an administrator of the console by name.
/// </summary>
public static class AdminActors
{
    public const string Cli = "cli";
    public const string Configuration = "configuration";
    public const string KeySchedule = "key schedule";

    public static string Admin(string name) => "admin:" + name;
}
