using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;

namespace AuthServer.Keys;

/// <summary>
/// Says once at start whether the key ring is encrypted at rest, in place of the framework's warning
/// about every key it writes (which names no setting): informational in Development, where a demo
/// store holds nothing of value, and a warning naming the setting anywhere else.
/// </summary>
public sealed class KeyRingAtRestNotice(IOptions<KeyProtectionOptions> options, IHostEnvironment environment,
    ILogger<KeyRingAtRestNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            if (environment.IsDevelopment())
            {
                logger.KeyRingUnencryptedInDevelopment();
            }
            else
            {
                logger.KeyRingUnencrypted();
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
