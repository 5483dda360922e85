using System.Buffers;
using System.Text.Json;
using AuthServer.Logging;

namespace AuthServer.Bubble;

/// <summary>
/// Reads a 200 from a Bubble app's whoami: at most <see cref="BubbleLimits.MaxAnswerBytes"/>, counted
/// while streaming so chunked answers are held to it too, and keeps only user_id, email and the
/// client's BubbleClaims. Anything bigger or unreadable is a configuration fault, never a huge token.
/// </summary>
public sealed class BubbleAnswerReader(BubbleClaimMapper mapper, ILogger<BubbleAnswerReader> logger)
{
    /// <param name="dropped">Collects the BubbleClaims fields left out for their value, for a caller that shows why.</param>
    public async Task<BubbleAnswer> ReadAsync(HttpContent content, string appUrl, string workflow,
        IReadOnlyCollection<string> claimNames, CancellationToken cancellationToken, ICollection<BubbleClaimDrop>? dropped = null)
    {
        var body = await ReadAtMostAsync(content, BubbleLimits.MaxAnswerBytes, cancellationToken);
        if (body is null)
        {
            logger.BubbleAnswerTooLarge(appUrl, workflow, BubbleLimits.MaxAnswerBytes);
            return new BubbleAnswer.Misconfigured(200);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("response", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                logger.BubbleAnswerUnreadable(appUrl, 200);
                return new BubbleAnswer.Misconfigured(200);
            }

            var userId = StringField(fields, "user_id");
            if (string.IsNullOrEmpty(userId))
            {
                return new BubbleAnswer.NoUser();
            }

            var email = StringField(fields, "email");
            if (userId.Length > BubbleLimits.MaxUserIdLength || email?.Length > BubbleLimits.MaxEmailLength
                || !BubbleLimits.IsPlainText(userId) || (email is not null && !BubbleLimits.IsPlainText(email)))
            {
                logger.BubbleIdentityUnusable(appUrl, BubbleLimits.MaxUserIdLength, BubbleLimits.MaxEmailLength);
                return new BubbleAnswer.Misconfigured(200);
            }

            return new BubbleAnswer.User(userId, string.IsNullOrEmpty(email) ? null : email, mapper.Select(fields, claimNames, appUrl, dropped));
        }
        catch (JsonException)
        {
            logger.BubbleAnswerUnreadable(appUrl, 200);
            return new BubbleAnswer.Misconfigured(200);
        }
    }

    private static string? StringField(JsonElement fields, string name) =>
        fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The body, or null as soon as it passes <paramref name="limit"/> bytes; the rest is never read.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        // Pooled: a fresh 16 KB buffer per exchange was garbage for every uncached answer.
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return body.ToArray();
    }
}
