using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// Works out what a client_credentials or token exchange request is granted, right after the
/// permission gate and before any Bubble call: the scopes, and the audiences they give narrowed to
/// the request's <c>audience</c>/<c>resource</c>. An unknown target is <c>invalid_target</c>; scopes
/// that give no audience are <c>invalid_scope</c>. Refresh requests are resolved once their token is read.
/// </summary>
public sealed class GrantedAccessGate(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, ScopeResourceCache resources)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<GrantedAccessGate>()
            .SetOrder(ClientPermissionGate.Descriptor.Order + 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token
            || !(context.Request.IsClientCredentialsGrantType() || context.Request.IsTokenExchangeGrantType())
            || await ClientPolicy.FindAsync(applications, context.Transaction, context.ClientId, context.CancellationToken) is not { } client)
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

        access.Attach(context.Transaction);
    }
}
