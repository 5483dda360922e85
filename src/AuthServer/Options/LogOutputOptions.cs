using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>The <c>Logging:Format</c> key: how the console lines are written.</summary>
public sealed class LogOutputOptions
{
    public const string Section = "Logging";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary><c>text</c> for people (the default), <c>json</c> for a log pipeline: one compact JSON event a line.</summary>
    public string Format { get; set; } = Text;

    public bool IsJson => string.Equals(Format, Json, StringComparison.OrdinalIgnoreCase);
}

public sealed class LogOutputOptionsValidator : IValidateOptions<LogOutputOptions>
{
    public ValidateOptionsResult Validate(string? name, LogOutputOptions options) =>
        options.IsJson || string.Equals(options.Format, LogOutputOptions.Text, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Logging:Format '{options.Format}' is not a log format; expected text or json.");
}
