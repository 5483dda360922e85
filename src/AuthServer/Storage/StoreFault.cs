using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AuthServer.Storage;

/// <summary>What an operator should do about a store failure at start or in the CLI, in one line.</summary>
public static class StoreFault
{
    public static string? Describe(Exception exception) => (exception as DbException ?? exception.InnerException as DbException) switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } =>
            "The store has no schema yet: run `migrate` (or start with Database:MigrateOnStart=true).",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } postgres =>
            $"The database does not exist ({OneLine(postgres.MessageText)}): create it, or run `migrate`, which creates it.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } postgres =>
            $"PostgreSQL refused the login ({OneLine(postgres.MessageText)}): check ConnectionStrings:AuthServer.",
        SqliteException { SqliteErrorCode: 1 } sqlite when sqlite.Message.Contains("no such table", StringComparison.Ordinal) =>
            "The store has no schema yet: run `migrate` (or start with Database:MigrateOnStart=true).",
        NpgsqlException npgsql => $"PostgreSQL cannot be reached ({OneLine(npgsql.GetBaseException().Message)}): check ConnectionStrings:AuthServer and that the server is up.",
        { } other => $"The store failed: {OneLine(other.Message)}",
        null => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
