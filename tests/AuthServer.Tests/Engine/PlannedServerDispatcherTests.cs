using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Engine;

namespace AuthServer.Tests.Engine;

/// <summary>The planned dispatcher keeps OpenIddict's dispatch rules: order, filters, lifetimes, early stops.</summary>
public sealed class PlannedServerDispatcherTests
{
    [Fact]
    public async Task Handlers_of_the_event_run_in_order_and_a_false_filter_skips_its_handler()
    {
        var calls = new List<string>();
        await using var provider = Build(calls,
            Descriptor<ProcessRequestContext, Named.Second>(2),
            Descriptor<ProcessRequestContext, Named.First>(1),
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
                .UseScopedHandler<Named.Skipped>().AddFilter<Closed>().SetOrder(3).Build(),
            Descriptor<ProcessErrorContext, Named.OtherEvent>(0));

        await DispatchAsync(provider, c => new ProcessRequestContext(c));

        Assert.Equal(["First", "Second"], Names(calls));
    }

    [Fact]
    public async Task A_handled_request_stops_the_chain()
    {
        var calls = new List<string>();
        await using var provider = Build(calls,
            Descriptor<ProcessRequestContext, Named.First>(1),
            Descriptor<ProcessRequestContext, Named.Handles>(2),
            Descriptor<ProcessRequestContext, Named.Second>(3));

        await DispatchAsync(provider, c => new ProcessRequestContext(c));

        Assert.Equal(["First", "Handles"], Names(calls));
    }

    [Fact]
    public async Task Scoped_handlers_are_new_per_scope_and_singletons_are_shared()
    {
        var calls = new List<string>();
        await using var provider = Build(calls,
            Descriptor<ProcessRequestContext, Named.First>(1),
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>().UseSingletonHandler<Counting>().SetOrder(2).Build());

        await DispatchAsync(provider, c => new ProcessRequestContext(c));
        await DispatchAsync(provider, c => new ProcessRequestContext(c));

        Assert.Equal(2, calls.Count(c => c == "First"));
        Assert.Equal(2, calls.Count(c => c.StartsWith("First#")));
        Assert.Equal(2, calls.Where(c => c.StartsWith("First#")).Distinct().Count()); // one per scope
        Assert.Equal(["Counting 1", "Counting 2"], calls.Where(c => c.StartsWith("Counting")));
    }

    [Fact]
    public void A_replaced_handler_list_gives_a_new_plan()
    {
        var first = Descriptor<ProcessRequestContext, Named.First>(1);
        var plans = new DispatchPlans(new ServiceCollection());
        List<OpenIddictServerHandlerDescriptor> before = [first];
        List<OpenIddictServerHandlerDescriptor> after = [first, Descriptor<ProcessRequestContext, Named.Second>(2)];

        Assert.Single(plans.For<ProcessRequestContext>(before));
        Assert.Same(plans.For<ProcessRequestContext>(before), plans.For<ProcessRequestContext>(before));
        Assert.Equal(2, plans.For<ProcessRequestContext>(after).Length); // as when the options are rebuilt after a key change
        Assert.Empty(plans.For<ProcessErrorContext>(after));
    }

    private static IEnumerable<string> Names(List<string> calls) => calls.Where(c => !c.Contains('#'));

    private static OpenIddictServerHandlerDescriptor Descriptor<TContext, THandler>(int order)
        where TContext : BaseContext where THandler : class, IOpenIddictServerHandler<TContext> =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>().UseScopedHandler<THandler>().SetOrder(order).Build();

    private static ServiceProvider Build(List<string> calls, params OpenIddictServerHandlerDescriptor[] descriptors)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton(calls);
        services.AddSingleton<Closed>();
        services.AddOptions<OpenIddictServerOptions>().Configure(o =>
        {
            o.Handlers.Clear(); // only this test's handlers
            o.Handlers.AddRange(descriptors.OrderBy(d => d.Order));
        });
        foreach (var descriptor in descriptors)
        {
            services.Add(descriptor.ServiceDescriptor);
        }

        PlannedServerDispatcher.Register(services);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task DispatchAsync<TContext>(ServiceProvider provider, Func<OpenIddictServerTransaction, TContext> create)
        where TContext : BaseContext
    {
        await using var scope = provider.CreateAsyncScope();
        var transaction = new OpenIddictServerTransaction
        {
            Options = provider.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue,
            Logger = NullLogger.Instance,
        };
        await scope.ServiceProvider.GetRequiredService<IOpenIddictServerDispatcher>().DispatchAsync(create(transaction));
    }

    public sealed class Closed : IOpenIddictServerHandlerFilter<ProcessRequestContext>
    {
        public ValueTask<bool> IsActiveAsync(ProcessRequestContext context) => ValueTask.FromResult(false);
    }

    public sealed class Counting(List<string> calls) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        private int _count;

        public ValueTask HandleAsync(ProcessRequestContext context)
        {
            calls.Add($"Counting {++_count}");
            return ValueTask.CompletedTask;
        }
    }

    public static class Named
    {
        public sealed class First(List<string> calls) : Recording(calls, "First")
        {
            public override ValueTask HandleAsync(ProcessRequestContext context)
            {
                Calls.Add($"First#{GetHashCode()}");
                return base.HandleAsync(context);
            }
        }

        public sealed class Second(List<string> calls) : Recording(calls, "Second");

        public sealed class Skipped(List<string> calls) : Recording(calls, "Skipped");

        public sealed class Handles(List<string> calls) : Recording(calls, "Handles")
        {
            public override ValueTask HandleAsync(ProcessRequestContext context)
            {
                context.HandleRequest();
                return base.HandleAsync(context);
            }
        }

        public sealed class OtherEvent(List<string> calls) : IOpenIddictServerHandler<ProcessErrorContext>
        {
            public ValueTask HandleAsync(ProcessErrorContext context)
            {
                calls.Add("OtherEvent");
                return ValueTask.CompletedTask;
            }
        }
    }

    public abstract class Recording(List<string> calls, string name) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        protected List<string> Calls { get; } = calls;

        public virtual ValueTask HandleAsync(ProcessRequestContext context)
        {
            Calls.Add(name);
            return ValueTask.CompletedTask;
        }
    }
}
