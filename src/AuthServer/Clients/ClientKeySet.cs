using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Clients;

/// <summary>
/// A client's public keys for <c>private_key_jwt</c> (RFC 7523 §2.2): a JWKS (RFC 7517) of RSA or EC signing keys.
/// Private key material and symmetric keys are refused: the store must never hold what signs the assertions, and a
/// shared key would turn the assertion back into a shared secret (and let HMAC algorithms in).
/// Parsing is IdentityModel's; this only decides what a registered key set may contain.
/// </summary>
public static class ClientKeySet
{
    /// <summary>A JWKS this large is not a handful of public keys.</summary>
    public const int MaxLength = 64 * 1024;

    public const int MaxKeys = 20;

    /// <summary>The asymmetric algorithms an assertion may be signed with; the only ones a key's <c>alg</c> may name.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    // Members that only a private (or symmetric) key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>
    /// The key set in <paramref name="json"/>, or why it cannot be registered (one sentence, naming
    /// <paramref name="name"/>, never quoting key material).
    /// </summary>
    public static (JsonWebKeySet? Set, string? Problem) Parse(string json, string name)
    {
        if (json.Length > MaxLength)
        {
            return (null, $"{name} is longer than {MaxLength / 1024} KB; register only the public keys.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return (null, $"{name} is not JSON: expected a JWKS, {{\"keys\":[...]}}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                return (null, $"{name} must be a JWKS: a JSON object with a \"keys\" array.");
            }

            if (keys.GetArrayLength() is 0 or > MaxKeys)
            {
                return (null, $"{name} must hold between 1 and {MaxKeys} keys.");
            }

            var index = 0;
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"{name}: key {index} is not a JSON object.");
                }

                if (PrivateMembers.FirstOrDefault(member => key.TryGetProperty(member, out _)) is { } secret)
                {
                    return (null, secret == "k"
                        ? $"{name}: key {index} is a symmetric key (\"k\"); register public RSA or EC keys only."
                        : $"{name}: key {index} holds private key material (\"{secret}\"); register the public key only, never the private one.");
                }

                index++;
            }
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = false };
        }
        catch (ArgumentException)
        {
            return (null, $"{name} is not a valid JWKS.");
        }

        for (var i = 0; i < set.Keys.Count; i++)
        {
            if (Problem(set.Keys[i]) is { } problem)
            {
                return (null, $"{name}: key {i} {problem}.");
            }
        }

        // IdentityModel must turn every key into a signing key; one it cannot read would be ignored silently.
        if (set.GetSigningKeys().Count != set.Keys.Count)
        {
            return (null, $"{name} holds a key that cannot verify signatures (incomplete RSA or EC parameters).");
        }

        return (set, null);
    }

    private static string? Problem(JsonWebKey key)
    {
        if (key.HasPrivateKey || key.Kty == JsonWebAlgorithmsKeyTypes.Octet)
        {
            return "is private or symmetric; register public RSA or EC keys only";
        }

        if (key.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve))
        {
            return "must have kty RSA or EC";
        }

        if (key.Use is { Length: > 0 } use && use != JsonWebKeyUseNames.Sig)
        {
            return "must have use \"sig\" (or none)";
        }

        if (key.Alg is { Length: > 0 } alg && !Algorithms.Contains(alg))
        {
            return $"names an alg that is not allowed; allowed: {string.Join(", ", Algorithms)}";
        }

        return null;
    }

    /// <summary>The set as stored: compact JSON of what was registered.</summary>
    public static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
