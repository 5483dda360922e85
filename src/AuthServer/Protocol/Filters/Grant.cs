using OpenIddict.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>The grant type of the request being processed, as the grant filters read it.</summary>
internal static class Grant
{
    public static bool IsClientCredentials(BaseContext context) => context.Transaction.Request?.IsClientCredentialsGrantType() is true;

    public static bool IsTokenExchange(BaseContext context) => context.Transaction.Request?.IsTokenExchangeGrantType() is true;

    public static bool IsRefreshToken(BaseContext context) => context.Transaction.Request?.IsRefreshTokenGrantType() is true;
}
