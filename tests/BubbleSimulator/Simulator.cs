namespace BubbleSimulator;

/// <summary>The whole simulated Bubble app: live and version-test databases, admin key, clock, faults, record.</summary>
public sealed class Simulator
{
    public Simulator(SimulatorClock clock, string adminKey)
    {
        Clock = clock;
        AdminKey = adminKey;
        Live = new BubbleApp("live", clock);
        VersionTest = new BubbleApp("version-test", clock);
        Faults = new Faults(clock);
    }

    public SimulatorClock Clock { get; }

    /// <summary>A 32-character admin API key: accepted as a bearer token, but it is no user.</summary>
    public string AdminKey { get; }

    public BubbleApp Live { get; }

    public BubbleApp VersionTest { get; }

    public Faults Faults { get; }

    public RequestRecord Requests { get; } = new();

    public BubbleApp For(bool versionTest) => versionTest ? VersionTest : Live;
}
