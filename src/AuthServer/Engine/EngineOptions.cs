namespace AuthServer.Engine;

/// <summary>
/// The <c>Engine</c> section. <c>Engine:Enabled=false</c> leaves every piece of this folder out, so stock OpenIddict
/// does their work: CI runs the protocol tests that way to prove the engine changes cost, never behaviour, and an
/// OpenIddict upgrade can be bisected between "OpenIddict changed" and "our replacement no longer matches it".
/// </summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    public bool Enabled { get; set; } = true;

    /// <summary>Read while services are registered: the switch decides what is registered at all.</summary>
    public static EngineOptions Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<EngineOptions>() ?? new EngineOptions();
}
