using System.Net;
using AuthServer.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AuthServer.Operations.Proxy;

/// <summary>Forwarded headers from configured proxies only, and HSTS on HTTPS answers outside Development.</summary>
public static class ProxySetup
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // The Host header is left alone: the issuer and every advertised URL come from Auth:Issuer.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET trusts loopback by default; a process on this machine is not a proxy unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxy.Value.KnownProxies.ForEach(address => forwarded.KnownProxies.Add(IPAddress.Parse(address)));
            proxy.Value.KnownNetworks.ForEach(network => forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network)));
            // Every hop is checked against the lists, so a chain (CDN, then balancer) unwinds as far as it is trusted.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    public static WebApplication UseProxySupport(this WebApplication app)
    {
        // With both lists empty the middleware would believe any sender, so it is not added at all. Read from
        // configuration: the validated options answer at start, where a bad address stops it with one line.
        if (app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>()?.Any == true)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
