using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using AuthServer.Logging;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Bubble;

/// <summary>Turns a Bubble user into token claims: <c>sub</c>, <c>email</c> and the client's chosen fields.</summary>
public sealed class BubbleClaimMapper(ILogger<BubbleClaimMapper> logger)
{
    public IEnumerable<Claim> Map(BubbleAnswer.User user, IEnumerable<string> extraFields, string appUrl)
    {
        yield return new Claim(Claims.Subject, user.UserId);
        if (user.Email is not null)
        {
            yield return new Claim(Claims.Email, user.Email);
        }

        foreach (var field in extraFields)
        {
            if (!user.Fields.TryGetProperty(field, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    yield return new Claim(field, value.GetString()!);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    yield return new Claim(field, value.GetBoolean() ? "true" : "false", ClaimValueTypes.Boolean);
                    break;
                case JsonValueKind.Number when value.TryGetInt64(out var integer):
                    yield return new Claim(field, integer.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
                    break;
                case JsonValueKind.Number:
                    yield return new Claim(field, value.GetDouble().ToString("R", CultureInfo.InvariantCulture), ClaimValueTypes.Double);
                    break;
                default:
                    logger.BubbleClaimIgnored(field, appUrl);
                    break;
            }
        }
    }
}
