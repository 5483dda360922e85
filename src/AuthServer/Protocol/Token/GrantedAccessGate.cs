using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Works out what a client_credentials or token exchange request is granted, right after the
/// permission gate and before any Bubble call: the scopes, and the audiences they give narrowed to
/// the request's <c>audience</c>/<c>resource</c>. An unknown target is <c>invalid_target</c>; scopes
/// that give no audience are <c>invalid_scope</c>. Refresh requests are resolved once their token is read.
/// </summary>
public sealed class GrantedAccessGate(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    ScopeResourceCache resources,
    AudienceIsolation isolation,
    ClientCatalogReader catalog,
    ILogger<GrantedAccessGate> logger)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<GrantedAccessGate>()
            .SetOrder(ClientPermissionGate.Descriptor.Order + 100)
            .AddFilter<RequireClientCredentialsOrTokenExchangeGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (await ClientPolicy.FindAsync(applications, context.Transaction, context.ClientId, context.CancellationToken) is not { } client)
        {
            return;
        }

        if (GrantedAccess.HasMalformedResource(context.Request))
        {
            context.Reject(Errors.InvalidTarget, GrantedAccess.MalformedResourceDescription);
            return;
        }

        var granted = client.GrantedScopes(context.Request.GetScopes());
        if (context.Request.IsClientCredentialsGrantType())
        {
            // RFC 6749 §4.4.3: no refresh token for client_credentials, whatever the client may hold.
            granted = granted.Where(scope => scope != Scopes.OfflineAccess);
        }

        var (access, error, description) = await GrantedAccess.ResolveAsync(scopes, resources, granted,
            GrantedAccess.RequestedTargets(context.Request), context.CancellationToken);
        if (access is null)
        {
            context.Reject(error, description);
            return;
        }

        // Before Bubble is asked: an audience another Bubble app can also reach would let that app's whoami name this one's users.
        if (context.Request.IsTokenExchangeGrantType() && client.BubbleAppUrl is { } binding
            && await IsReachedElsewhereAsync(isolation, catalog, logger, client.ClientId, binding, access, context.CancellationToken))
        {
            context.Reject(Errors.ServerError, IsolationFault);
            return;
        }

        access.Attach(context.Transaction);
    }

    public const string IsolationFault =
        "The audience of this grant is also reachable through another Bubble app; the server's configuration must be fixed.";

    /// <summary>Whether a token of <paramref name="access"/> for a user of <paramref name="binding"/> is refused (logged as a configuration fault).</summary>
    public static async Task<bool> IsReachedElsewhereAsync(AudienceIsolation isolation, ClientCatalogReader catalog, ILogger logger,
        string clientId, string binding, GrantedAccess access, CancellationToken cancellationToken)
    {
        if (await isolation.FindConflictAsync(catalog, clientId, binding, access.Audiences, cancellationToken) is not { } conflict)
        {
            return false;
        }

        logger.AudienceReachableByAnotherBinding(clientId, conflict.Audience, conflict.Other.ClientId);
        return true;
    }
}
