using BubbleSimulator;

var app = SimulatorHost.Build(new WebApplicationOptions { Args = args });
var simulator = app.Services.GetRequiredService<Simulator>();
app.Logger.LogInformation("Bubble simulator ready; admin key {AdminKey} (a test fixture, not a secret)", simulator.AdminKey);
await app.RunAsync();
