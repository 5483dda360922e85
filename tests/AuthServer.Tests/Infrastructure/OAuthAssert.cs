namespace AuthServer.Tests.Infrastructure;

/// <summary>Assertions on OAuth answers that many test classes share, so each states the rule once.</summary>
public static class OAuthAssert
{
    /// <summary>
    /// An RFC 6749 §5.2 error: the expected status and <c>error</c> code, a non-empty <c>error_description</c>,
    /// and <c>Cache-Control: no-store</c>.
    /// </summary>
    public static void Error(TokenResponse response, int status, string error)
    {
        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Json}");
        Assert.Equal(error, response["error"]);
        Assert.False(string.IsNullOrEmpty(response["error_description"]), "error_description is missing");
        Assert.Equal("no-store", response.Response.Headers.CacheControl?.ToString());
    }
}
