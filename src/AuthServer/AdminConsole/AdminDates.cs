using System.Globalization;

namespace AuthServer.AdminConsole;

/// <summary>Dates of keys and audit events as the CLI prints them: UTC, to the second, the same in every culture.</summary>
public static class AdminDates
{
    public static string Format(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
