using Microsoft.AspNetCore.Mvc.ApplicationParts;
using AuthServer.Administration.Bubble;
using AuthServer.Operations.Logging;
using AuthServer.Options;

namespace AuthServer.AdminConsole;

/// <summary>
/// The admin console at <c>/admin</c>: Razor Pages with their own cookie session, antiforgery and strict headers.
/// With <c>Admin:Enabled=false</c> none of its pages, cookie or antiforgery is registered or in the pipeline, and
/// <c>/admin</c> is 404.
/// </summary>
public static class AdminConsoleSetup
{
    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        // The UI-free services behind the console's Bubble pages, which call Bubble: the server's, never the CLI's.
        // Registered whether or not the pages are served, as before: only the pages follow Admin:Enabled.
        builder.Services.AddSingleton<BubbleConnectionGuide>();
        builder.Services.AddScoped<WhoamiProbe>();
        builder.Services.AddScoped<ConnectWizard>();
        builder.Services.AddScoped<ConnectWithNewScope>();

        // An invalid section registers none of the pages; validation stops the start, naming the key.
        if (AdminOptions.TryRead(builder.Configuration) is not { Enabled: true } admin)
        {
            return builder;
        }

        var development = builder.Environment.IsDevelopment();
        var services = builder.Services;
        services.AddRazorPages(AdminPageConventions.Apply)
            // The pages are compiled into this assembly, which is not the entry assembly when a test hosts the server.
            .ConfigureApplicationPartManager(parts =>
            {
                var assembly = typeof(AdminConsoleSetup).Assembly;
                if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
                {
                    // The assembly's own factory: its code and its compiled Razor pages.
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
        services.AddSingleton<Pages.Clients.OneTimeSecret>();
        services.AddSingleton<AdminSignInThrottle>();
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(
            tempData => AdminTempData.Configure(tempData, development));
        services.AddAuthentication().AddCookie(AdminCookie.Scheme, cookie => AdminCookie.Configure(cookie, admin, development));
        services.AddAuthorization(authorization => authorization.AddPolicy(AdminCookie.Policy,
            policy => policy.AddAuthenticationSchemes(AdminCookie.Scheme).RequireAuthenticatedUser()));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "authserver-admin-antiforgery";
            antiforgery.Cookie.Path = AdminPaths.Root;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // Secure over HTTPS. Not Always: antiforgery would then fail every plain-HTTP request with a 500, even on
            // a loopback address (an SSH tunnel), where browsers do keep the session's Secure cookie. Without the
            // session, its token is worth nothing.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // AdminResponseHeaders sends DENY, stricter than antiforgery's SAMEORIGIN.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return builder;
    }

    /// <summary>
    /// Early in the pipeline, after the request log and before the protocol middleware (which look at
    /// <c>/connect</c> and the metadata paths only). The authorization policy names the console's cookie scheme and
    /// authenticates it itself, so the console needs nothing of the later <c>UseAuthentication</c>, where OpenIddict
    /// answers its endpoints.
    /// </summary>
    public static WebApplication UseAdminConsole(this WebApplication app)
    {
        if (AdminOptions.TryRead(app.Configuration) is not { Enabled: true } admin)
        {
            return app;
        }

        AdminAddresses.Use(app, admin);
        AdminConsoleSignpost.LogOnceStarted(app, admin);
        if (admin.Urls.Count == 0 && app.Environment.IsProduction())
        {
            // Once started: a start that fails on its configuration says that one line and nothing else.
            app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ILogger<AdminOptions>>().AdminConsoleOnPublicAddresses());
        }

        app.UseWhen(context => AdminPaths.IsAdmin(context.Request.Path), console =>
        {
            console.UseMiddleware<AdminResponseHeaders>();
            console.UseMiddleware<AdminTransportSecurity>();
            console.UseMiddleware<AdminSignInThrottle>();
            console.UseStaticFiles(AdminAssets.Options);
        });
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
