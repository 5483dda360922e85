using System.Collections.Concurrent;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>
/// For each event type, the handler descriptors that apply to it, in OpenIddict's order, computed once per
/// handler list (the list is replaced, and the plans with it, when the server options are rebuilt after a
/// key-ring change). Filters and handlers registered as singletons are resolved once and kept.
/// </summary>
public sealed class DispatchPlans(IServiceCollection services)
{
    private Generation? _current;
    private readonly Lazy<Dictionary<Type, ServiceLifetime>> _lifetimes = new(() => LifetimesOf(services));

    public DispatchStep<TContext>[] For<TContext>(List<OpenIddictServerHandlerDescriptor> descriptors) where TContext : BaseContext
    {
        var generation = Volatile.Read(ref _current);
        if (generation is null || !ReferenceEquals(generation.Source, descriptors))
        {
            generation = new Generation(descriptors);
            Volatile.Write(ref _current, generation);
        }

        return (DispatchStep<TContext>[])generation.Plans.GetOrAdd(typeof(TContext), _ => Build<TContext>(descriptors));
    }

    private DispatchStep<TContext>[] Build<TContext>(List<OpenIddictServerHandlerDescriptor> descriptors) where TContext : BaseContext =>
        descriptors.Where(descriptor => descriptor.ContextType == typeof(TContext))
            .Select(descriptor => new DispatchStep<TContext>(
                descriptor.FilterTypes.Select(type => Slot<IOpenIddictServerHandlerFilter<TContext>>(type, OpenIddictResources.FormatID0099)).ToArray(),
                descriptor.ServiceDescriptor.ImplementationInstance is IOpenIddictServerHandler<TContext> instance
                    ? new Resolved<IOpenIddictServerHandler<TContext>>(instance)
                    : Slot<IOpenIddictServerHandler<TContext>>(descriptor.ServiceDescriptor.ServiceType, OpenIddictResources.FormatID0098)))
            .ToArray();

    private Resolved<T> Slot<T>(Type type, Func<object, string> missing) where T : class =>
        new(type, _lifetimes.Value.GetValueOrDefault(type, ServiceLifetime.Transient) == ServiceLifetime.Singleton, missing);

    // The last registration of a service type is the one DI resolves.
    private static Dictionary<Type, ServiceLifetime> LifetimesOf(IServiceCollection services)
    {
        var lifetimes = new Dictionary<Type, ServiceLifetime>();
        foreach (var service in services)
        {
            lifetimes[service.ServiceType] = service.Lifetime;
        }

        return lifetimes;
    }

    private sealed class Generation(List<OpenIddictServerHandlerDescriptor> source)
    {
        public List<OpenIddictServerHandlerDescriptor> Source { get; } = source;
        public ConcurrentDictionary<Type, object> Plans { get; } = new();
    }
}

/// <summary>A filter or handler: resolved from the request's scope each time, or once if it is a singleton.</summary>
public sealed class Resolved<T> where T : class
{
    private readonly Type? _type;
    private readonly bool _singleton;
    private readonly Func<object, string>? _missing;
    private T? _shared;

    public Resolved(T instance) => _shared = instance;

    public Resolved(Type type, bool singleton, Func<object, string> missing) => (_type, _singleton, _missing) = (type, singleton, missing);

    public T Get(IServiceProvider scope)
    {
        if (_shared is { } shared)
        {
            return shared;
        }

        var resolved = scope.GetService(_type!) as T ?? throw new InvalidOperationException(_missing!(_type!));
        if (_singleton)
        {
            _shared = resolved;
        }

        return resolved;
    }
}
