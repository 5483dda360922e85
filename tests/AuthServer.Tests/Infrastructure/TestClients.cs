namespace AuthServer.Tests.Infrastructure;

public static class TestClients
{
    public const string Script = "test-script";
    public const string ScriptSecret = "test-script-secret-0123456789";
}
