using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Changes a client in the running server's store, as an operator's edit or the CLI would between two requests.</summary>
public static class StoredClients
{
    /// <summary>Writes a client straight into the store, past the rules that configuration, the CLI and the console apply.</summary>
    public static async Task CreateAsync(IServiceProvider services, AuthServer.Options.ClientDefinition client)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>()
            .CreateAsync(AuthServer.Clients.ClientDescriptorFactory.Create(client));
    }

    public static async Task UpdateAsync(IServiceProvider services, string clientId, Action<OpenIddictApplicationDescriptor> change)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException($"no client {clientId}");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        change(descriptor);
        await applications.UpdateAsync(application, descriptor);
    }
}
