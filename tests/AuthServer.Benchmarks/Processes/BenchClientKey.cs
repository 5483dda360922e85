using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// The private_key_jwt client's key pair (RSA 2048, as a script's would be), made once per harness run: the public half
/// is registered with every AuthServer (<c>Clients:N:Jwks</c>) and given to the baseline server; the private half signs
/// the client assertions (<see cref="Scenarios.ClientAssertions"/>).
/// </summary>
public static class BenchClientKey
{
    public const string KeyId = "bench-assertion-key";

    public static RSA Private { get; } = RSA.Create(2048);

    /// <summary>The public key set, as <c>Clients:N:Jwks</c> takes it: one RSA key with its kid, use and alg.</summary>
    public static string Jwks { get; } = CreateJwks();

    private static string CreateJwks()
    {
        var parameters = Private.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new { keys = new[] { key } });
    }

    /// <summary>An RS256 JWS over <paramref name="payloadJson"/>, header <c>{alg, kid, typ}</c>, signed with the private key.</summary>
    public static string Sign(string payloadJson)
    {
        var signingInput = $"{Header}.{Base64UrlEncoder.Encode(payloadJson)}";
        var signature = Private.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static readonly string Header = Base64UrlEncoder.Encode($$"""{"alg":"RS256","kid":"{{KeyId}}","typ":"JWT"}""");
}
