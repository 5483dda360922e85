using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token;

/// <summary>
/// A huge scope list costs nothing before the client is authenticated: an unknown client or a wrong
/// secret is 401 <c>invalid_client</c> whatever the scope list, and an authenticated client's list over the
/// cap is <c>invalid_scope</c> without one store lookup of a scope.
/// </summary>
public sealed class ScopeListLimitTests : InProcessServerTest
{
    private static readonly string NineThousandScopes = string.Join(' ', Enumerable.Range(0, 9_000).Select(i => $"s{i}"));

    [Fact]
    public async Task Nine_thousand_scope_names_from_an_unknown_client_are_401_invalid_client()
    {
        var response = await Tokens.ClientCredentialsAsync("no-such-client", "whatever", NineThousandScopes);

        OAuthAssert.Error(response, 401, "invalid_client");
    }

    [Fact]
    public async Task Nine_thousand_scope_names_with_a_wrong_secret_are_401_invalid_client()
    {
        var response = await Tokens.ClientCredentialsAsync(secret: "wrong-secret", scope: NineThousandScopes);

        OAuthAssert.Error(response, 401, "invalid_client");
    }

    [Fact]
    public async Task An_unknown_scope_from_an_unknown_client_or_with_a_wrong_secret_is_401_invalid_client_without_a_scope_lookup()
    {
        using var store = new StoreCommandRecorder(Server.Services);

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync("no-such-client", "whatever", "no-such-scope"), 401, "invalid_client");
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(secret: "wrong-secret", scope: "no-such-scope"), 401, "invalid_client");
        Assert.DoesNotContain(store.Commands, command => command.Contains("OpenIddictScopes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nine_thousand_scope_names_from_an_authenticated_client_are_invalid_scope_without_a_scope_lookup()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status); // the client is cached; its scope too
        using var store = new StoreCommandRecorder(Server.Services);

        var response = await Tokens.ClientCredentialsAsync(scope: NineThousandScopes);

        OAuthAssert.Error(response, 400, "invalid_scope");
        Assert.DoesNotContain(store.Commands, command => command.Contains("OpenIddictScopes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scope_name_over_the_length_cap_is_invalid_scope_without_a_scope_lookup()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        using var store = new StoreCommandRecorder(Server.Services);

        var response = await Tokens.ClientCredentialsAsync(scope: "sample-api.read " + new string('s', AuthServer.Protocol.Token.ScopeListLimit.MaxScopeLength + 1));

        OAuthAssert.Error(response, 400, "invalid_scope");
        Assert.DoesNotContain(store.Commands, command => command.Contains("OpenIddictScopes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scope_name_repeated_past_the_cap_counts_once_and_is_granted()
    {
        var scope = string.Join(' ', Enumerable.Repeat("sample-api.read", AuthServer.Protocol.Token.ScopeListLimit.MaxScopeValues * 3));

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(scope: scope)).Status);
    }
}
