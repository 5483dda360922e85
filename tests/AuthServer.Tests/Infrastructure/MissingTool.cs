namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A test that needs a tool this machine lacks (Node.js, python3-authlib, Chromium, PostgreSQL) fails with one
/// line saying what to install and how, and no stack trace: the trace would only show our own plumbing, and a
/// newcomer must read the fix, not a wall of frames. It fails rather than skips, so a green bar never hides a check.
/// </summary>
public sealed class MissingTool : Xunit.Sdk.XunitException
{
    public const string Advice = "bash .ci/run installs everything the tests need";

    public MissingTool(string what, string install)
        : base($"Missing tool: {what}. Install it with '{install}' ({Advice}).")
    {
    }

    // xunit prints an exception's stack trace under the message; this one has nothing to say there.
    public override string? StackTrace => null;
}
