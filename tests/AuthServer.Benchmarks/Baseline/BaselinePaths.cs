namespace AuthServer.Benchmarks.Baseline;

/// <summary>The endpoints of the baseline server, one per kind of in-run baseline.</summary>
public static class BaselinePaths
{
    /// <summary>(a) reads the token form and signs an RS256 JWT.</summary>
    public const string Sign = "/sign";

    /// <summary>(b) the same after one loopback call to the Bubble simulator's whoami.</summary>
    public const string SignAfterWhoami = "/sign-after-whoami";

    /// <summary>(f) (a) after verifying one RS256 client assertion (private_key_jwt) with the client's public key.</summary>
    public const string SignAfterAssertion = "/sign-after-assertion";

    /// <summary>(c) one EF Core transaction on SQLite: read a row, update it, insert its successor.</summary>
    public const string Rotate = "/rotate";

    /// <summary>Inserts the first row of a chain for <see cref="Rotate"/> (not measured).</summary>
    public const string RotateStart = "/rotate/start";

    /// <summary>
    /// (e) (c) after one loopback call to the Bubble simulator's whoami with the chain's Bubble token, which the
    /// request carries in <see cref="BubbleTokenField"/>.
    /// </summary>
    public const string RotateAfterWhoami = "/rotate-after-whoami";

    /// <summary>The form field of <see cref="RotateAfterWhoami"/> with the Bubble token; only the baseline reads it.</summary>
    public const string BubbleTokenField = "bubble_token";

    /// <summary>(d) cached copies of AuthServer's JWKS and discovery documents.</summary>
    public const string Jwks = "/jwks";

    public const string Discovery = "/discovery";
}
