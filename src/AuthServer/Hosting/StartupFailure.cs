using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using AuthServer.Storage;

namespace AuthServer.Hosting;

public static class StartupFailure
{
    /// <summary>One line for the operator: a configuration fault names its key; a store fault says what to do; anything else its message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        RetryLimitExceededException { InnerException: { } inner } => Describe(inner),
        _ when exception.InnerException is OptionsValidationException inner => Describe(inner),
        _ when StoreFault.Describe(exception) is { } store => store,
        _ => exception.Message.ReplaceLineEndings(" "),
    };
}
