using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Changes a client in the running server's store, as an operator's edit or the CLI would between two requests.</summary>
public static class StoredClients
{
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
