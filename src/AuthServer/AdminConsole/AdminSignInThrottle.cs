using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;

namespace AuthServer.AdminConsole;

/// <summary>
/// Sign-in attempts (a POST to the sign-in page, however its path is spelled) cost a password hash each, about 0.1 s of CPU, whatever the name,
/// so they are limited before the form is read: per source address (<c>Admin:SignInAttemptsPerMinutePerAddress</c>,
/// IPv6 by its /64) and in total (<c>Admin:SignInAttemptsPerMinute</c>), answered 429 with <c>Retry-After</c>; and
/// only <see cref="HashSlots"/> attempt hashes at a time (<see cref="QueuedAttempts"/> more wait, the rest get 429),
/// so an attack on the page never takes the CPU that token requests need. The lockout per name stays as it is:
/// this bounds what made-up names cost. A singleton (an <see cref="IMiddleware"/>), so its limiters are disposed with the host. With <c>RateLimits:Enabled=false</c> the per-minute limits are off; the
/// bound on concurrent hashes stays.
/// </summary>
public sealed class AdminSignInThrottle : IMiddleware, IDisposable
{
    public const int HashSlots = 1;
    public const int QueuedAttempts = 8;

    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly ILogger<AdminSignInThrottle> _logger;

    public AdminSignInThrottle(IOptions<AdminOptions> admin, IOptions<RateLimitOptions> rateLimits,
        ILogger<AdminSignInThrottle> logger)
    {
        _logger = logger;
        var options = admin.Value;
        var hashing = PartitionedRateLimiter.Create<HttpContext, int>(_ => RateLimitPartition.GetConcurrencyLimiter(0,
            _ => new ConcurrencyLimiterOptions { PermitLimit = HashSlots, QueueLimit = QueuedAttempts, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
        if (!rateLimits.Value.Enabled)
        {
            _limiter = hashing;
            return;
        }

        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            SourceOf(context), _ => PerMinute(options.SignInAttemptsPerMinutePerAddress)));
        var total = PartitionedRateLimiter.Create<HttpContext, int>(_ => RateLimitPartition.GetFixedWindowLimiter(
            0, _ => PerMinute(options.SignInAttemptsPerMinute)));
        _limiter = PartitionedRateLimiter.CreateChained(perAddress, total, hashing);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // By the endpoint routing chose, not by the path: routing also takes /admin/SignIn/, other casings and
        // escapes, which all reach the same handler and its hash. The form is read later, by the page.
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<SignInPage>() is null)
        {
            await next(context);
            return;
        }

        using var lease = await _limiter.AcquireAsync(context, 1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            // Held until the page has answered: the hash runs inside.
            await next(context);
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        _logger.AdminSignInThrottled(seconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"Too many sign-in attempts: try again in {seconds} s.", context.RequestAborted);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>Endpoint metadata of the sign-in page (<see cref="AdminPageConventions"/>), whose POST this throttles.</summary>
    public sealed class SignInPage
    {
        public static readonly SignInPage Instance = new();

        private SignInPage()
        {
        }
    }

    private static FixedWindowRateLimiterOptions PerMinute(int attempts) => new()
    {
        PermitLimit = attempts,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>The client's address (a listed proxy's forwarded one); an IPv6 client by its /64, which one host usually has whole.</summary>
    private static string SourceOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return address.ToString();
    }
}
