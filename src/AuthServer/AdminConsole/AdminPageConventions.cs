using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuthServer.AdminConsole;

/// <summary>
/// The console's pages live in <c>AdminConsole/Pages</c> and are served under <c>/admin</c>; every one of them needs a
/// signed-in admin except the sign-in page, so a page added later is protected without doing anything.
/// </summary>
public static class AdminPageConventions
{
    public const string RootDirectory = "/AdminConsole/Pages";

    public static void Apply(RazorPagesOptions pages)
    {
        pages.RootDirectory = RootDirectory;
        pages.Conventions.Add(new RoutePrefix());
        pages.Conventions.AuthorizeFolder("/", AdminCookie.Policy);
        pages.Conventions.AllowAnonymousToPage("/SignIn");
        // Marks the page's endpoint, so the throttle finds it whatever path routing matched it by.
        pages.Conventions.AddPageApplicationModelConvention("/SignIn", model => model.EndpointMetadata.Add(AdminSignInThrottle.SignInPage.Instance));
    }

    private sealed class RoutePrefix : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors)
            {
                selector.AttributeRouteModel!.Template =
                    AttributeRouteModel.CombineTemplates(AdminPaths.Root.TrimStart('/'), selector.AttributeRouteModel.Template);
            }
        }
    }
}
