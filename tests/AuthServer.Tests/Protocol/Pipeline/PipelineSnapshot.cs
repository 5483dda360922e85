using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Engine;
using AuthServer.Protocol.Filters;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Tests.Protocol.Pipeline;

/// <summary>
/// Renders the merged handler order of a running server (OpenIddict's handlers and ours) as text. The order is the
/// one the server dispatches: the handler list OpenIddict sorted, filtered by event, each handler resolved from DI
/// as OpenIddict's dispatcher does (so a handler whose service is replaced shows up under its real type). One file
/// lists every handler of every event a request of these endpoints meets; one file per request (a token request
/// per grant, introspection, revocation) follows that request through its events and leaves out the handlers whose
/// endpoint or grant filters exclude it. The planned dispatcher must agree (<see cref="PlannedDispatchDifferences"/>);
/// the text does not depend on which dispatcher is in use.
/// </summary>
public static class PipelineSnapshot
{
    public const string Folder = "docs/pipeline";

    private const string Legend = """
        # Columns: order, "=" when equal to the line above, origin, handler, filters.
        #   order: OpenIddict's Order; min+N is int.MinValue + N, max-N is int.MaxValue - N.
        #   origin: ours = AuthServer, oi = OpenIddict.Server, oi.asp = OpenIddict.Server.AspNetCore.
        #   "=": OpenIddict sorts the handlers with List.Sort, which is not stable, so the sequence of handlers
        #   with equal orders is not promised by their orders; it is the sequence the server has today. None of
        #   ours shares an order with another handler of its event (PipelineSnapshotTests checks it).
        #   "if ...": the handler's filters (all must pass); a handler without filters runs for every request of
        #   the event and may still return early inside HandleAsync.
        """;

    private const string Nesting = """
        # Events nest: ProcessRequest's handlers dispatch the endpoint's Extract, Validate, Handle and Apply events;
        # the Validate event's ValidateAuthentication dispatches ProcessAuthentication (the client, then ValidateToken
        # once per token the request carries); a token request's HandleTokenRequest is followed by ProcessSignIn, which
        # dispatches GenerateToken once per token it issues. ProcessError runs instead when a step rejects the request.
        # Left out: handlers whose endpoint or grant filters (OpenIddict's Require*Request, ours in
        # src/AuthServer/Protocol/Filters) exclude this request; each event's header counts them. Other filters
        # depend on the request's content or the options, and are shown.
        """;

    /// <summary>A request a flow file follows: the endpoint it is sent to and, for a token request, its grant.</summary>
    public sealed record Request(OpenIddictServerEndpointType Endpoint, string? GrantType = null);

    /// <summary>A file: its name, its title, the events it lists in the order a request meets them, and the request it follows (none: every handler).</summary>
    public sealed record SnapshotFile(string File, string Title, Type[] Events, Request? Request = null);

    private static readonly Type[] TokenEvents =
        [typeof(ExtractTokenRequestContext), typeof(ValidateTokenRequestContext), typeof(HandleTokenRequestContext), typeof(ApplyTokenResponseContext)];

    private static readonly Type[] IntrospectionEvents =
        [typeof(ExtractIntrospectionRequestContext), typeof(ValidateIntrospectionRequestContext),
         typeof(HandleIntrospectionRequestContext), typeof(ApplyIntrospectionResponseContext)];

    private static readonly Type[] RevocationEvents =
        [typeof(ExtractRevocationRequestContext), typeof(ValidateRevocationRequestContext),
         typeof(HandleRevocationRequestContext), typeof(ApplyRevocationResponseContext)];

    private static readonly Type[] SharedEvents =
        [typeof(ProcessRequestContext), typeof(ProcessAuthenticationContext), typeof(ValidateTokenContext),
         typeof(ProcessSignInContext), typeof(GenerateTokenContext), typeof(ProcessErrorContext)];

    /// <summary>The files: every handler first, then one per request, each event in the order the request meets it.</summary>
    public static IReadOnlyList<SnapshotFile> Files { get; } =
    [
        new("handlers.txt", """
            # Every handler of every event a token, introspection or revocation request can meet, whatever its filters:
            # first the events every endpoint dispatches, then each endpoint's own. The files beside this one follow one
            # request each. Ends with a count for the other events (discovery, JWKS, and endpoints not enabled).
            """,
            [.. SharedEvents, .. TokenEvents, .. IntrospectionEvents, .. RevocationEvents]),
        new("token-client_credentials.txt", "# A token request (connect/token) of the client_credentials grant: it validates no token.\n",
            TokenFlow(validatesAToken: false), new(OpenIddictServerEndpointType.Token, GrantTypes.ClientCredentials)),
        new("token-exchange.txt", "# A token request (connect/token) of the token exchange grant: ValidateToken validates the subject token.\n",
            TokenFlow(validatesAToken: true), new(OpenIddictServerEndpointType.Token, GrantTypes.TokenExchange)),
        new("token-refresh.txt", """
            # A token request (connect/token) of the refresh_token grant: ValidateToken validates the refresh token.
            # The states of a refresh token, and the handler of each transition: src/AuthServer/Protocol/Token/Refresh/README.md.
            """,
            TokenFlow(validatesAToken: true), new(OpenIddictServerEndpointType.Token, GrantTypes.RefreshToken)),
        new("introspection.txt", "# An introspection request (connect/introspect): ValidateToken validates the token to introspect.\n",
            Flow(IntrospectionEvents), new(OpenIddictServerEndpointType.Introspection)),
        new("revocation.txt", "# A revocation request (connect/revoke): ValidateToken validates the token to revoke.\n",
            Flow(RevocationEvents), new(OpenIddictServerEndpointType.Revocation)),
    ];

    // ProcessRequest, Extract, Validate, ProcessAuthentication, [ValidateToken], Handle, [ProcessSignIn, GenerateToken], Apply, ProcessError.
    private static Type[] TokenFlow(bool validatesAToken) =>
    [
        typeof(ProcessRequestContext), typeof(ExtractTokenRequestContext), typeof(ValidateTokenRequestContext),
        typeof(ProcessAuthenticationContext), .. (validatesAToken ? new[] { typeof(ValidateTokenContext) } : Type.EmptyTypes),
        typeof(HandleTokenRequestContext), typeof(ProcessSignInContext), typeof(GenerateTokenContext),
        typeof(ApplyTokenResponseContext), typeof(ProcessErrorContext),
    ];

    private static Type[] Flow(Type[] endpoint) =>
    [
        typeof(ProcessRequestContext), endpoint[0], endpoint[1], typeof(ProcessAuthenticationContext), typeof(ValidateTokenContext),
        endpoint[2], endpoint[3], typeof(ProcessErrorContext),
    ];

    /// <summary>File name → text, read from a started server's services.</summary>
    public static IReadOnlyDictionary<string, string> Render(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var handlers = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers;

        var texts = new Dictionary<string, string>();
        foreach (var file in Files)
        {
            var text = new StringBuilder();
            text.Append("# Generated by tests/AuthServer.Tests/Protocol/Pipeline/PipelineSnapshotTests.cs; do not edit by hand.\n")
                .Append("# Regenerate: AUTHSERVER_UPDATE_SNAPSHOTS=1 dotnet test tests/AuthServer.Tests --filter FullyQualifiedName~PipelineSnapshotTests\n")
                .Append(Unindent(file.Title));
            if (file.Request is not null)
            {
                text.Append(Unindent(Nesting));
            }

            text.Append(Unindent(Legend));
            foreach (var context in file.Events)
            {
                WriteEvent(text, context, handlers, scope.ServiceProvider, file.Request);
            }

            if (file.Request is null)
            {
                WriteOtherEvents(text, handlers, file.Events.ToHashSet());
            }

            texts[file.File] = text.ToString();
        }

        return texts;
    }

    /// <summary>
    /// Events of the snapshot for which the planned dispatcher (Engine/PlannedServerDispatcher.cs) would run other
    /// handlers, or the same in another order, than OpenIddict's own dispatcher, whose rule the snapshot follows.
    /// </summary>
    public static IEnumerable<string> PlannedDispatchDifferences(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var handlers = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers;
        var plans = services.GetRequiredService<DispatchPlans>();
        foreach (var context in Files.SelectMany(f => f.Events).Distinct())
        {
            var stock = HandlerTypes(context, handlers, scope.ServiceProvider);
            var planned = PlannedHandlerTypes(context, handlers, plans, scope.ServiceProvider);
            if (!stock.SequenceEqual(planned))
            {
                yield return $"{Name(context)}: OpenIddict's rule gives [{string.Join(", ", stock.Select(Name))}], the plan [{string.Join(", ", planned.Select(Name))}]";
            }
        }
    }

    /// <summary>
    /// Handlers of one event that share an order, one of them ours. OpenIddict sorts its handler list with the
    /// unstable List.Sort, so two handlers with one order run in a sequence nothing promises, which may change
    /// with any handler added elsewhere. OpenIddict's own ties (mostly handlers of different endpoints, which
    /// exclude one another by their filters) are not ours to change, and are left out.
    /// </summary>
    public static IEnumerable<string> SharedOrders(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers
            .GroupBy(d => (d.ContextType, d.Order))
            .Where(group => group.Count() > 1 && group.Any(d => Origin(d.ServiceDescriptor.ServiceType) == "ours"))
            .Select(group => $"{Name(group.Key.ContextType)} at {Order(group.Key.Order)}: "
                + string.Join(", ", group.Select(d => Name(d.ServiceDescriptor.ServiceType))));

    private static void WriteEvent(StringBuilder text, Type context, List<OpenIddictServerHandlerDescriptor> handlers,
        IServiceProvider scope, Request? request)
    {
        var descriptors = handlers.Where(d => d.ContextType == context).ToList();
        var resolved = HandlerTypes(context, handlers, scope);
        var lines = new StringBuilder();
        int? previous = null;
        var (shown, ours) = (0, 0);
        for (var index = 0; index < descriptors.Count; index++)
        {
            var descriptor = descriptors[index];
            if (request is not null && !Applies(descriptor, request, scope))
            {
                continue;
            }

            var type = resolved[index];
            var name = Name(type);
            if (descriptor.ServiceDescriptor.ServiceType != type)
            {
                name = $"{Name(descriptor.ServiceDescriptor.ServiceType)} => {name}"; // replaced in DI
            }

            var filters = descriptor.FilterTypes.IsDefaultOrEmpty ? "" : "  if " + string.Join(", ", descriptor.FilterTypes.Select(FilterName));
            var tie = descriptor.Order == previous ? "=" : " ";
            lines.Append($"{Order(descriptor.Order),16} {tie} {Origin(type),-6}  {name}{filters}\n");
            previous = descriptor.Order;
            shown++;
            ours += Origin(type) == "ours" ? 1 : 0;
        }

        var leftOut = request is null ? "" : $", {descriptors.Count - shown} left out";
        text.Append($"\n== {Name(context)}: {shown} handlers, {ours} ours{leftOut}\n").Append(lines);
    }

    /// <summary>
    /// Whether the handler's endpoint and grant filters let it run for this request. Only those filters are asked,
    /// with a request that has nothing but its endpoint and grant type; the others depend on what it carries.
    /// </summary>
    private static bool Applies(OpenIddictServerHandlerDescriptor descriptor, Request request, IServiceProvider scope)
    {
        var transaction = new OpenIddictServerTransaction
        {
            EndpointType = request.Endpoint,
            Request = new OpenIddictRequest { GrantType = request.GrantType },
            Options = scope.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue,
        };
        var probe = new ProcessRequestContext(transaction);
        foreach (var type in descriptor.FilterTypes.Where(IsRequestFilter))
        {
            var filter = scope.GetService(type) as IOpenIddictServerHandlerFilter<BaseContext>
                ?? throw new InvalidOperationException($"{type} decides from the endpoint and the grant; it must filter a BaseContext and be registered.");
            if (!filter.IsActiveAsync(probe).AsTask().GetAwaiter().GetResult())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A filter that decides from the request's endpoint and grant type alone: OpenIddict's Require{Endpoint}Request, and ours.</summary>
    private static bool IsRequestFilter(Type filter) =>
        filter.Namespace == typeof(RequireRefreshTokenGrant).Namespace
        || (filter.DeclaringType == typeof(OpenIddictServerHandlerFilters)
            && Enum.GetNames<OpenIddictServerEndpointType>().Any(endpoint => filter.Name == $"Require{endpoint}Request"));

    /// <summary>Our filters by their class name, as OpenIddict's are shown.</summary>
    private static string FilterName(Type filter) =>
        filter.Namespace == typeof(RequireRefreshTokenGrant).Namespace ? filter.Name : Name(filter);

    private static void WriteOtherEvents(StringBuilder text, List<OpenIddictServerHandlerDescriptor> handlers, HashSet<Type> listed)
    {
        text.Append("\n== Other events (discovery, JWKS, and endpoints not enabled): handlers, ours\n");
        foreach (var group in handlers.Where(d => !listed.Contains(d.ContextType)).GroupBy(d => d.ContextType).OrderBy(g => Name(g.Key), StringComparer.Ordinal))
        {
            text.Append($"{Name(group.Key)}: {group.Count()}, {group.Count(d => Origin(d.ServiceDescriptor.ServiceType) == "ours")}\n");
        }
    }

    /// <summary>
    /// The handlers OpenIddict's dispatcher runs for this event (before filters), in order: the sorted handler
    /// list, filtered by event, each resolved from DI by its service type unless the descriptor holds an instance.
    /// </summary>
    private static List<Type> HandlerTypes(Type context, List<OpenIddictServerHandlerDescriptor> handlers, IServiceProvider scope) =>
        handlers.Where(d => d.ContextType == context)
            .Select(d => d.ServiceDescriptor.ImplementationInstance?.GetType()
                ?? scope.GetRequiredService(d.ServiceDescriptor.ServiceType).GetType())
            .ToList();

    /// <summary>The handlers the server's own dispatch plan resolves for this event, in dispatch order.</summary>
    private static List<Type> PlannedHandlerTypes(Type context, List<OpenIddictServerHandlerDescriptor> handlers, DispatchPlans plans, IServiceProvider scope)
    {
        var steps = (Array)typeof(DispatchPlans).GetMethod(nameof(DispatchPlans.For))!.MakeGenericMethod(context).Invoke(plans, [handlers])!;
        var handler = typeof(DispatchStep<>).MakeGenericType(context).GetMethod(nameof(DispatchStep<BaseContext>.Handler))!;
        return steps.Cast<object>().Select(step => handler.Invoke(step, [scope])!.GetType()).ToList();
    }

    /// <summary>OpenIddict writes its orders as offsets from int.MinValue or int.MaxValue; so does this.</summary>
    private static string Order(int order) => order switch
    {
        < -1_000_000_000 => $"min+{(long)order - int.MinValue}",
        > 1_000_000_000 => $"max-{(long)int.MaxValue - order}",
        _ => order.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Origin(Type type) => type.Assembly.GetName().Name switch
    {
        "AuthServer" => "ours",
        "OpenIddict.Server" => "oi",
        "OpenIddict.Server.AspNetCore" => "oi.asp",
        var other => other ?? "?",
    };

    /// <summary>A short, stable name: ours relative to the AuthServer namespace, OpenIddict's without its container class.</summary>
    private static string Name(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
        if (type.IsGenericType)
        {
            name += "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            if (outer.DeclaringType is null && outer.Name.StartsWith("OpenIddict", StringComparison.Ordinal))
            {
                break; // OpenIddictServerHandlers, OpenIddictServerEvents, OpenIddictServerHandlerFilters, ...
            }

            name = outer.Name + "." + name;
        }

        return type.Namespace is { } ns && ns.StartsWith("AuthServer.", StringComparison.Ordinal)
            ? ns["AuthServer.".Length..] + "." + name
            : name;
    }

    private static string Unindent(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.TrimStart())).TrimEnd('\n') + "\n";
}
