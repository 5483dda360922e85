
namespace AuthServer.Protocol.Discovery;

/// <summary>
/// OpenIddict spells a root issuer through <see cref="Uri.AbsoluteUri"/>, which appends a slash;
/// validators that compare <c>iss</c> exactly (jose, aws-jwt-verify, the AWS authorizer) need the
/// configured spelling, so the slash of a bare origin is dropped.
/// </summary>
public static class IssuerFormat
{
    public static string? Canonical(string? issuer) =>
        issuer is { Length: > 1 } && issuer.EndsWith('/')
        && Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/"
            ? issuer[..^1]
            : issuer;
}
