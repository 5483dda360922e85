using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AuthServer.Admin.Pages.Clients;

/// <summary>
/// A new secret between the POST that made it and the page that shows it (POST-redirect-GET), in TempData: the
/// cookie TempData provider, whose cookie is encrypted and signed with Data Protection (keys shared by the nodes
/// through the store) and scoped to the console (<see cref="AdminTempData"/>). Reading it consumes it, so a reload
/// or the back button (the console's pages are never cached) shows it no more. The secret is never logged.
/// </summary>
public static class OneTimeSecret
{
    private const string ClientKey = "clients.secret.client";
    private const string SecretKey = "clients.secret.value";
    private const string WhatKey = "clients.secret.what";

    public static void Hold(ITempDataDictionary tempData, string clientId, string secret, string what)
    {
        tempData[ClientKey] = clientId;
        tempData[SecretKey] = secret;
        tempData[WhatKey] = what;
    }

    /// <summary>The held secret, once; null when it was shown already (or never held).</summary>
    public static (string ClientId, string Secret, string What)? Take(ITempDataDictionary tempData) =>
        tempData[ClientKey] is string clientId && tempData[SecretKey] is string secret && tempData[WhatKey] is string what
            ? (clientId, secret, what)
            : null;
}
