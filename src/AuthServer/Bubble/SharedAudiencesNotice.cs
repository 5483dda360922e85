using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;

namespace AuthServer.Bubble;

/// <summary>
/// Says at every start, as a warning, that <c>Bubble:SharedAudiences</c> is set and what it risks: the APIs of those
/// audiences receive tokens of the users of several Bubble apps or versions, whose whoami can each name any user id.
/// </summary>
public sealed class SharedAudiencesNotice(IOptions<BubbleOptions> options, ILogger<SharedAudiencesNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SharedAudiences.Count > 0)
        {
            logger.SharedAudiencesConfigured(string.Join(", ", options.Value.SharedAudiences));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
