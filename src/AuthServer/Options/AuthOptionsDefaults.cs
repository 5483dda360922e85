using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>Fills the environment-dependent defaults of <see cref="AuthOptions"/>.</summary>
public sealed class AuthOptionsDefaults(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>
{
    public void PostConfigure(string? name, AuthOptions options)
    {
        options.RequireHttps ??= !environment.IsDevelopment();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            options.Issuer = null;
        }
    }
}
