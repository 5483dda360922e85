using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthServer.Logging;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AuthServer.Bubble;

/// <summary>
/// Asks a Bubble app who a token belongs to: <c>POST {app}/api/1.1/wf/{workflow}</c> with the token
/// as bearer. Retries, timeouts and the per-app circuit breaker come from the resilience pipeline.
/// No body of an error answer is read, since Bubble's 401 repeats the token.
/// </summary>
public sealed class BubbleUserClient(HttpClient http, IOptions<BubbleOptions> options, ILogger<BubbleUserClient> logger)
{
    private const int MaxAnswerBytes = 256 * 1024;

    public string Workflow => options.Value.Workflow;

    public async Task<BubbleAnswer> WhoAmIAsync(string appUrl, string token, CancellationToken cancellationToken)
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
        catch (HttpRequestException ex)
        {
            return new BubbleAnswer.Unavailable($"unreachable ({ex.HttpRequestError})", RetrySoon);
        }

        using (response)
        {
            return (int)response.StatusCode switch
            {
                200 => await ReadUserAsync(appUrl, response, cancellationToken),
                401 => new BubbleAnswer.Rejected(401),
                408 or 429 or >= 500 => new BubbleAnswer.Unavailable($"answered {(int)response.StatusCode}", RetryAfter(response)),
                var status => new BubbleAnswer.Misconfigured(status),
            };
        }
    }

    private static TimeSpan RetrySoon => TimeSpan.FromSeconds(5);

    private static TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero && delta < TimeSpan.FromHours(1) => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow && date - DateTimeOffset.UtcNow < TimeSpan.FromHours(1) => date - DateTimeOffset.UtcNow,
        _ => RetrySoon,
    };

    private async Task<BubbleAnswer> ReadUserAsync(string appUrl, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            logger.BubbleAnswerUnreadable(appUrl, 200);
            return new BubbleAnswer.Misconfigured(200);
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("response", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                logger.BubbleAnswerUnreadable(appUrl, 200);
                return new BubbleAnswer.Misconfigured(200);
            }

            var userId = fields.TryGetProperty("user_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (string.IsNullOrEmpty(userId))
            {
                return new BubbleAnswer.NoUser();
            }

            var email = fields.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return new BubbleAnswer.User(userId, string.IsNullOrEmpty(email) ? null : email, fields.Clone());
        }
        catch (JsonException)
        {
            logger.BubbleAnswerUnreadable(appUrl, 200);
            return new BubbleAnswer.Misconfigured(200);
        }
    }
}
