using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Samples;

/// <summary>
/// samples/client-scripts: the Postman collection is a collection that asks <c>/connect/token</c> with a secret,
/// and the interop stage runs the very scripts users read (the stage itself runs them against a server).
/// </summary>
public sealed class ClientScriptsSampleTests
{
    private static readonly string Sample = Path.Combine(RepositoryRoot.Path, "samples", "client-scripts");

    [Fact]
    public void The_postman_collection_asks_the_token_endpoint_for_client_credentials_with_a_secret()
    {
        using var collection = JsonDocument.Parse(File.ReadAllText(Path.Combine(Sample, "client-credentials.postman_collection.json")));
        var root = collection.RootElement;
        Assert.Equal("https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
            root.GetProperty("info").GetProperty("schema").GetString());

        var request = root.GetProperty("item")[0].GetProperty("request");
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal("{{authserver_url}}/connect/token", request.GetProperty("url").GetProperty("raw").GetString());
        Assert.Equal("basic", request.GetProperty("auth").GetProperty("type").GetString());
        var form = request.GetProperty("body").GetProperty("urlencoded").EnumerateArray()
            .ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("client_credentials", form["grant_type"]);

        // Every variable the requests use has a default the collection declares.
        var declared = root.GetProperty("variable").EnumerateArray().Select(v => v.GetProperty("key").GetString()).ToHashSet();
        var used = System.Text.RegularExpressions.Regex.Matches(root.GetRawText(), @"\{\{(\w+)\}\}").Select(m => m.Groups[1].Value);
        Assert.All(used, name => Assert.Contains(name, declared));
    }

    [Theory]
    [InlineData("get_token.py")]
    [InlineData("get-token.mjs")]
    [InlineData("client-credentials.postman_collection.json")]
    public void The_interop_stage_runs_the_sample_file_itself(string file)
    {
        var check = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "interop", "checks", "60-client-scripts.sh"));

        Assert.True(File.Exists(Path.Combine(Sample, file)));
        Assert.Contains($"\"$sample/{file}\"", check);
    }
}
