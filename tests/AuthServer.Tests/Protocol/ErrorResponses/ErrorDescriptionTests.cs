using System.Net.Http.Headers;
using System.Text;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Tests.Protocol.ErrorResponses;

/// <summary>RFC 6749 §5.2: error_description holds only %x20-21 / %x23-5B / %x5D-7E, and never echoes input.</summary>
public sealed class ErrorDescriptionTests : InProcessServerTest
{
    private const string ProbeParameter = "probe_bad_description";
    private const string Allowed = "^[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*$";

    // A stand-in for any present or future handler that builds a description from input.
    protected override void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.AddOpenIddict().AddServer(server => server.AddEventHandler<ExtractIntrospectionRequestContext>(handler =>
            handler.UseInlineHandler(context =>
            {
                if (context.Transaction.Request?.HasParameter(ProbeParameter) is true)
                {
                    context.Reject("invalid_client", "echo of \"input\" with \\ and \u0001 and \u00e9");
                }

                return default;
            })));

    [Theory]
    [InlineData("grant_type=client_credentials&a%22b%5C=1&a%22b%5C=2", "a\"b")]
    [InlineData("grant_type=client_credentials&x%01%22y=1", "\"y")]
    public async Task A_malformed_parameter_name_is_never_echoed(string body, string fragment)
    {
        var response = await PostAsync("/connect/token", body);

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.DoesNotContain(fragment, response["error_description"]);
        Assert.Matches(Allowed, response["error_description"]);
    }

    [Fact]
    public async Task A_refused_grant_is_not_echoed()
    {
        var response = await PostAsync("/connect/token", "grant_type=refresh_token&refresh_token=abc");

        OAuthAssert.Error(response, 400, "unauthorized_client");
        Assert.DoesNotContain("refresh_token", response["error_description"]);
    }

    [Fact]
    public async Task Any_description_is_cut_to_the_allowed_characters_in_the_body_and_the_challenge()
    {
        var response = await PostAsync("/connect/introspect", $"token=abc&{ProbeParameter}=1");

        Assert.True(response.Status == 401, response.Json.ToString());
        var description = response["error_description"]!;
        Assert.Matches(Allowed, description);
        Assert.StartsWith("echo of ?input? with ? and ? and ?", description);
        Assert.Contains("error_description=\"echo of ?input?", response.Response.Headers.WwwAuthenticate.ToString());
    }

    private async Task<TokenResponse> PostAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestClients.Script}:{TestClients.ScriptSecret}")));
        return await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));
    }
}
