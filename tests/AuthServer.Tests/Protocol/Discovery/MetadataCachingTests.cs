using System.Net;
using System.Net.Http.Headers;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Discovery;

/// <summary>Discovery and the JWKS are cacheable documents: Cache-Control, an ETag, 304, and a new ETag when the keys change.</summary>
public sealed class MetadataCachingTests : InProcessServerTest
{
    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/jwks")]
    public async Task Metadata_is_public_cacheable_with_an_etag_and_answers_304_to_if_none_match(string path)
    {
        var first = await Tokens.Http.GetAsync(path);
        var etag = first.Headers.ETag;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge: { } age } && age > TimeSpan.Zero, $"Cache-Control: {first.Headers.CacheControl}");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await Tokens.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_stale_etag_gets_the_whole_document()
    {
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));

        var response = await Tokens.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"keys\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rotation_by_the_cli_changes_the_jwks_and_its_etag_at_the_next_request()
    {
        var before = await Tokens.Http.GetAsync("/.well-known/jwks");
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "keys rotate")).ExitCode);

        var after = await Tokens.Http.GetAsync("/.well-known/jwks");

        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.True((await after.Content.ReadAsStringAsync()).Length > (await before.Content.ReadAsStringAsync()).Length,
            "the announced key is not in the JWKS");
    }
}
