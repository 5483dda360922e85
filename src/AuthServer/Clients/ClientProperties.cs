using System.Text.Json;

namespace AuthServer.Clients;

/// <summary>Names of the AuthServer-specific properties kept on an OpenIddict application.</summary>
public static class ClientProperties
{
    public const string BubbleAppUrl = "bubble_app_url";
    public const string BubbleClaims = "bubble_claims";

    /// <summary>Present (true) on a client declared as the resource server of the audience equal to its id.</summary>
    public const string ResourceServer = "resource_server";

    /// <summary>Present (false) only on a client whose chains skip the Bubble session check.</summary>
    public const string BubbleSessionCheck = "bubble_session_check";

    /// <summary>The client's own absolute refresh chain lifetime, as a TimeSpan string; absent: the server's.</summary>
    public const string RefreshTokenAbsoluteLifetime = "refresh_token_absolute_lifetime";

    /// <summary>The client's own access token lifetime, as a TimeSpan string; absent: <c>Auth:AccessTokenLifetime</c>.</summary>
    public const string AccessTokenLifetime = "access_token_lifetime";

    /// <summary>Present (true) on a client that authenticates only with <c>private_key_jwt</c>: its secrets are refused.</summary>
    public const string PrivateKeyJwtOnly = "private_key_jwt_only";

    public static JsonElement ToJson<T>(T value) => JsonSerializer.SerializeToElement(value);
}
