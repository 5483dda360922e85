using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Operations.Logging;

namespace AuthServer.Bubble;

/// <summary>
/// Turns a Bubble user into token claims: <c>sub</c>, <c>email</c> and the client's chosen fields.
/// Fields are picked and mapped as Bubble's answer is read, before anything is cached, so a value no
/// token can carry (an object, a non-finite number, an over-long string) is dropped once, with a warning.
/// </summary>
public sealed class BubbleClaimMapper(ILogger<BubbleClaimMapper> logger)
{
    /// <summary>
    /// The fields named in <paramref name="names"/> that can be claims; every other field is left behind. A named
    /// field dropped for its value is logged, and added to <paramref name="dropped"/> when the caller wants to show why.
    /// </summary>
    /// <param name="fields">The members of Bubble's <c>response</c>, as <see cref="BubbleJsonText.Members"/> reads them.</param>
    public ImmutableArray<BubbleField> Select(IReadOnlyDictionary<string, JsonElement> fields, IEnumerable<string> names, string appUrl,
        ICollection<BubbleClaimDrop>? dropped = null)
    {
        var selected = ImmutableArray.CreateBuilder<BubbleField>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (!fields.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            var (field, reason) = ToField(name, value, appUrl);
            if (field is not null)
            {
                selected.Add(field);
            }
            else
            {
                dropped?.Add(new BubbleClaimDrop(name, reason!));
            }
        }

        return selected.ToImmutable();
    }

    public static IEnumerable<Claim> ToClaims(BubbleAnswer.User user)
    {
        yield return new Claim(Claims.Subject, user.UserId);
        if (user.Email is not null)
        {
            yield return new Claim(Claims.Email, user.Email);
        }

        foreach (var field in user.Fields)
        {
            yield return new Claim(field.Name, field.Value, field.ValueType);
        }
    }

    private (BubbleField? Field, string? Reason) ToField(string name, JsonElement value, string appUrl)
    {
        switch (value.ValueKind)
        {
            // A lone UTF-16 surrogate escape ("\ud800") parses but is no text: no token can carry it (BubbleJsonText).
            case JsonValueKind.String when !BubbleJsonText.TryGetText(value, out _):
                return Dropped(name, appUrl, "it is not well-formed text (a lone UTF-16 surrogate)");
            case JsonValueKind.String when value.GetString() is { Length: > BubbleLimits.MaxClaimLength }:
                return Dropped(name, appUrl, $"it is longer than {BubbleLimits.MaxClaimLength} characters");
            case JsonValueKind.String when !BubbleLimits.IsPlainText(value.GetString()!):
                return Dropped(name, appUrl, "it holds control or bidirectional-override characters");
            case JsonValueKind.String:
                return (new BubbleField(name, value.GetString()!, ClaimValueTypes.String), null);
            case JsonValueKind.True or JsonValueKind.False:
                return (new BubbleField(name, value.GetBoolean() ? "true" : "false", ClaimValueTypes.Boolean), null);
            case JsonValueKind.Number when value.TryGetInt64(out var integer):
                return (new BubbleField(name, integer.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64), null);
            // TryGetDouble refuses what would overflow to infinity (1e400): JSON has no such number.
            case JsonValueKind.Number when value.TryGetDouble(out var real) && double.IsFinite(real):
                return (new BubbleField(name, real.ToString("R", CultureInfo.InvariantCulture), ClaimValueTypes.Double), null);
            case JsonValueKind.Number:
                return Dropped(name, appUrl, "it is a number beyond what a JSON claim can hold");
            default:
                logger.BubbleClaimIgnored(name, appUrl);
                return (null, "it is a list or an object, not a text, number or yes/no");
        }
    }

    private (BubbleField?, string?) Dropped(string name, string appUrl, string reason)
    {
        logger.BubbleClaimDropped(name, appUrl, reason);
        return (null, reason);
    }
}
