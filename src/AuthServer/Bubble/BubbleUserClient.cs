using System.Net;
using System.Net.Http.Headers;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Bubble;

/// <summary>
/// Asks a Bubble app who a token belongs to: <c>POST {app}/api/1.1/wf/{workflow}</c> with the token
/// as bearer. Retries, timeouts and the per-app circuit breaker come from the resilience pipeline.
/// No body of an error answer is read, since Bubble's 401 repeats the token.
/// </summary>
public sealed class BubbleUserClient(HttpClient http, IOptions<BubbleOptions> options, BubbleAnswerReader reader, AuthServerMetrics metrics,
    ILogger<BubbleUserClient> logger)
{
    /// <summary>The status of a <see cref="BubbleAnswer.Misconfigured"/> for a call never made: the app's address is not public.</summary>
    public const int PrivateAddressRefused = 0;

    public string Workflow => options.Value.Workflow;

    /// <summary>
    /// Who <paramref name="token"/> belongs to; of the answer's fields, only <paramref name="claimNames"/> are kept,
    /// and those left out for their value are added to <paramref name="dropped"/> when given.
    /// </summary>
    public async Task<BubbleAnswer> WhoAmIAsync(string appUrl, string token, IReadOnlyCollection<string> claimNames,
        CancellationToken cancellationToken, ICollection<BubbleClaimDrop>? dropped = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await AskAsync(appUrl, token, claimNames, dropped, cancellationToken);
        metrics.BubbleCall(started, answer);
        return answer;
    }

    private async Task<BubbleAnswer> AskAsync(string appUrl, string token, IReadOnlyCollection<string> claimNames,
        ICollection<BubbleClaimDrop>? dropped, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{appUrl}/api/1.1/wf/{Workflow}")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return new BubbleAnswer.Unavailable("circuit open after repeated failures", options.Value.BreakDuration);
        }
        catch (TimeoutRejectedException)
        {
            return new BubbleAnswer.Unavailable("timed out", RetrySoon);
        }
        catch (HttpRequestException ex) when (ex.InnerException is PrivateAddressRefusedException)
        {
            logger.BubblePrivateAddressRefused(appUrl);
            return new BubbleAnswer.Misconfigured(PrivateAddressRefused, CauseLogged: true);
        }
        catch (HttpRequestException ex)
        {
            return new BubbleAnswer.Unavailable($"unreachable ({ex.HttpRequestError})", RetrySoon);
        }

        using (response)
        {
            return (int)response.StatusCode switch
            {
                200 => await ReadUserAsync(response.Content, appUrl, claimNames, dropped, cancellationToken),
                401 => new BubbleAnswer.Rejected(401),
                408 or 429 or >= 500 => new BubbleAnswer.Unavailable($"answered {(int)response.StatusCode}", RetryAfter(response)),
                var status => new BubbleAnswer.Misconfigured(status),
            };
        }
    }

    /// <summary>
    /// The body comes after the headers, outside the pipeline's timeout: it gets its own, so a Bubble
    /// app that trickles its answer is an outage like one that is slow to answer at all.
    /// </summary>
    private async Task<BubbleAnswer> ReadUserAsync(HttpContent content, string appUrl, IReadOnlyCollection<string> claimNames,
        ICollection<BubbleClaimDrop>? dropped, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            return await reader.ReadAsync(content, appUrl, Workflow, claimNames, timeout.Token, dropped);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BubbleAnswer.Unavailable("timed out while answering", RetrySoon);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new BubbleAnswer.Unavailable("connection lost while answering", RetrySoon);
        }
    }

    private static TimeSpan RetrySoon => TimeSpan.FromSeconds(5);

    private static TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero && delta < TimeSpan.FromHours(1) => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow && date - DateTimeOffset.UtcNow < TimeSpan.FromHours(1) => date - DateTimeOffset.UtcNow,
        _ => RetrySoon,
    };
}
