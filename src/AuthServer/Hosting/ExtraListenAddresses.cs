using Microsoft.AspNetCore.Http.Features;

namespace AuthServer.Hosting;

/// <summary>Addresses the server listens on besides its configured ones: the metrics port, the admin console's addresses.</summary>
public static class ExtraListenAddresses
{
    /// <summary>
    /// Adds <paramref name="url"/> to the addresses the server binds. Kestrel binds only the addresses set here once any
    /// is, so the configured ones (urls, http_ports, https_ports, or Kestrel's default) are set here too, as the host
    /// would have set them. Endpoints under <c>Kestrel:Endpoints</c> replace all of these.
    /// </summary>
    /// <param name="setting">The setting that asked for the address, named if its port is taken already.</param>
    public static void Add(WebApplication app, string url, string setting)
    {
        if (app.Urls.Count == 0)
        {
            foreach (var configured in ConfiguredUrls(app.Configuration))
            {
                app.Urls.Add(configured);
            }
        }

        var port = BindingAddress.Parse(url).Port;
        if (app.Urls.Any(existing => BindingAddress.Parse(existing).Port == port))
        {
            throw new InvalidOperationException(
                $"{setting} uses port {port}, a port the server already listens on for other requests; choose another.");
        }

        app.Urls.Add(url);
    }

    private static IEnumerable<string> ConfiguredUrls(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var ports = Ports(configuration[WebHostDefaults.HttpPortsKey], "http")
            .Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"{scheme}://*:{p}");
}
