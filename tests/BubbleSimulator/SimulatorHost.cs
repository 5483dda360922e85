namespace BubbleSimulator;

/// <summary>Builds the simulator: tests start it on a loopback port and drive <see cref="Simulator"/> directly.</summary>
public static class SimulatorHost
{
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        configure?.Invoke(builder);
        builder.Services.AddSingleton<SimulatorClock>();
        builder.Services.AddSingleton(sp => Seed(new Simulator(
            sp.GetRequiredService<SimulatorClock>(),
            builder.Configuration["Simulator:AdminKey"] ?? Guid.NewGuid().ToString("N")), builder.Configuration));

        var app = builder.Build();
        app.MapBubbleApi();
        return app;
    }

    /// <summary>Users from configuration (<c>Simulator:Users:N:Email/Password/VersionTest/Fields</c>).</summary>
    private static Simulator Seed(Simulator simulator, IConfiguration configuration)
    {
        foreach (var user in configuration.GetSection("Simulator:Users").GetChildren())
        {
            var fields = user.GetSection("Fields").GetChildren().ToDictionary(f => f.Key, f => (object?)f.Value);
            simulator.For(user.GetValue<bool>("VersionTest")).AddUser(user["Email"]!, user["Password"]!, fields);
        }

        return simulator;
    }
}
