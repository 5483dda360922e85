using System.Buffers;
using System.Text.Json;
using AuthServer.Operations.Logging;

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
            return new BubbleAnswer.Misconfigured(200, CauseLogged: true);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            // Members, not TryGetProperty: a key that is no text (a lone surrogate escape) makes TryGetProperty throw.
            if (root.ValueKind != JsonValueKind.Object
                || !BubbleJsonText.Members(root).TryGetValue("response", out var response) || response.ValueKind != JsonValueKind.Object)
            {
                logger.BubbleAnswerUnreadable(appUrl, 200);
                return new BubbleAnswer.Misconfigured(200, CauseLogged: true);
            }

            var fields = BubbleJsonText.Members(response);
            var userId = fields.TryGetValue("user_id", out var idValue) ? idValue : default;
            if (userId.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                || userId.GetRawText() == "\"\"")
            {
                return new BubbleAnswer.NoUser();
            }

            // Read without throwing: a lone surrogate escape parses, but is no text (BubbleJsonText).
            var readable = TryReadText(userId, out var id);
            readable &= TryReadText(fields, "email", out var email);
            if (!readable || id.Length > BubbleLimits.MaxUserIdLength || email?.Length > BubbleLimits.MaxEmailLength
                || !BubbleLimits.IsPlainText(id) || (email is not null && !BubbleLimits.IsPlainText(email)))
            {
                logger.BubbleIdentityUnusable(appUrl, BubbleLimits.MaxUserIdLength, BubbleLimits.MaxEmailLength);
                return new BubbleAnswer.Misconfigured(200, CauseLogged: true);
            }

            // Not Current User's unique id: a misconfigured whoami, or one naming what it should not (a client id).
            if (!BubbleIds.HasBubbleShape(id))
            {
                logger.BubbleUserIdNotBubbleShaped(appUrl, workflow);
                return new BubbleAnswer.Misconfigured(200, CauseLogged: true);
            }

            return new BubbleAnswer.User(id, string.IsNullOrEmpty(email) ? null : email, mapper.Select(fields, claimNames, appUrl, dropped));
        }
        // InvalidOperationException: what System.Text.Json throws for text it parsed but cannot read (BubbleJsonText);
        // every known case is handled above, and any other is still a JSON server_error, never an empty 500.
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            logger.BubbleAnswerUnreadable(appUrl, 200);
            return new BubbleAnswer.Misconfigured(200, CauseLogged: true);
        }
    }

    /// <summary>
    /// The user_id's text. A number or an object is no Bubble unique id: <paramref name="text"/> stays empty, and
    /// the shape check refuses it.
    /// </summary>
    private static bool TryReadText(JsonElement value, out string text)
    {
        text = "";
        return value.ValueKind != JsonValueKind.String || BubbleJsonText.TryGetText(value, out text);
    }

    /// <summary>An optional field: null when absent or not a string (as an email Bubble lacks).</summary>
    private static bool TryReadText(IReadOnlyDictionary<string, JsonElement> fields, string name, out string? text)
    {
        text = null;
        if (!fields.TryGetValue(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var ok = BubbleJsonText.TryGetText(value, out var read);
        text = read;
        return ok;
    }

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
