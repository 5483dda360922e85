using System.Collections.Frozen;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>Subject token types that a feature validates itself and that are never in the token table, as the
/// composition root names them (the engine knows no feature).</summary>
public sealed class UnstoredSubjectTokenTypes(IEnumerable<string> types)
{
    private readonly FrozenSet<string> _types = types.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the token being validated is the subject token of an exchange, of one of these types.</summary>
    public bool Includes(ValidateTokenContext context) =>
        context.Transaction.Request?.SubjectTokenType is { } type && _types.Contains(type) && context.ValidTokenTypes.Contains(type);
}
