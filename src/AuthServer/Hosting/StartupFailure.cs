using Microsoft.Extensions.Options;

namespace AuthServer.Hosting;

public static class StartupFailure
{
    /// <summary>One line for the operator: a configuration fault names its key; anything else its message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ when exception.InnerException is OptionsValidationException inner => Describe(inner),
        _ => exception.Message,
    };
}
