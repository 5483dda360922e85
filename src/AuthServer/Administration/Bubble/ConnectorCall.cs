using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace AuthServer.Administration.Bubble;

/// <summary>A header of an API Connector call; <paramref name="Private"/> keeps it on Bubble's servers.</summary>
public sealed record ConnectorHeader(string Name, string Value, bool Private = false);

/// <summary>
/// One call the guide tells the builder to create in Bubble's API Connector, as data: the guide renders it, and a test
/// sends it (<see cref="Fill"/>) against real servers, so what the guide shows is what was proven to work.
/// <c>&lt;name&gt;</c> in the URL, a header or the body is a dynamic parameter, which the API Connector replaces with
/// the workflow's value as it is (no encoding added).
/// </summary>
/// <param name="Api">The API's name in the API Connector; Bubble names the action "Api - Name".</param>
/// <param name="SharedHeaders">The API's shared headers, sent with each of its calls.</param>
/// <param name="BodyType">Bubble's body type: <c>JSON</c>, <c>raw</c>, or null for a call without a body.</param>
public sealed partial record ConnectorCall(
    string Api,
    string Name,
    string Method,
    string Url,
    ImmutableArray<ConnectorHeader> SharedHeaders,
    ImmutableArray<ConnectorHeader> Headers,
    string? BodyType,
    string? Body)
{
    /// <summary>How Bubble lists the call among a workflow's actions.</summary>
    public string ActionName => $"{Api} - {Name}";

    /// <summary>The dynamic parameters, in order of appearance.</summary>
    public ImmutableArray<string> Parameters =>
    [
        .. Placeholder().Matches(string.Concat(Url, string.Concat(Headers.Select(h => h.Value)), Body))
            .Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal),
    ];

    /// <summary>
    /// The request as Bubble sends it when a workflow runs the call with <paramref name="arguments"/>: each
    /// parameter replaced as it is. Every parameter must be given, and nothing else.
    /// </summary>
    public ConnectorRequest Fill(IReadOnlyDictionary<string, string> arguments)
    {
        var missing = Parameters.Except(arguments.Keys, StringComparer.Ordinal).ToList();
        var unknown = arguments.Keys.Except(Parameters, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"{ActionName}: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", unknown)}]",
                nameof(arguments));
        }

        string Replace(string text) => Placeholder().Replace(text, m => arguments[m.Groups["name"].Value]);
        return new ConnectorRequest(Method, Replace(Url),
            [.. SharedHeaders.Concat(Headers).Select(h => new KeyValuePair<string, string>(h.Name, Replace(h.Value)))],
            Body is null ? null : Replace(Body));
    }

    /// <summary>The same call as a shell command, for trying it before Bubble is set up.</summary>
    public string ToCurl()
    {
        var curl = new StringBuilder($"curl -s -X {Method} '{Url}'");
        foreach (var header in SharedHeaders.Concat(Headers))
        {
            curl.Append($" -H '{header.Name}: {header.Value}'");
        }

        return Body is null ? curl.ToString() : curl.Append($" -d '{Body}'").ToString();
    }

    /// <summary>The guide's item that creates the call in the API Connector; <paramref name="initialize"/> says with what.</summary>
    internal GuideItem SetupItem(string initialize)
    {
        var headers = Headers.Select(h => $"`{h.Name}: {h.Value}`{(h.Private ? " (**Private**)" : "")}").ToList();
        var text = new StringBuilder($"Add a call **{Name}**: *Use as* **Action**, `{Method} {Url}`");
        if (headers.Count > 0)
        {
            text.Append(headers.Count == 1 ? ", header " : ", headers ").Append(string.Join(" and ", headers));
        }

        var parameters = Parameters.Select(p => $"`<{p}>`").ToList();
        var dynamic = parameters.Count switch
        {
            0 => "",
            1 => $"with {parameters[0]} a dynamic parameter (not private). ",
            _ => $"with {string.Join(", ", parameters[..^1])} and {parameters[^1]} dynamic parameters (not private). ",
        };
        if (Body is null)
        {
            return new GuideItem($"{text}, no body; {dynamic}{initialize}");
        }

        return new GuideItem($"{text}, body type **{BodyType}**, body:", Code: Body, After: dynamic + initialize);
    }

    [GeneratedRegex("<(?<name>[a-z_]+)>")]
    private static partial Regex Placeholder();
}

/// <summary>A call filled in for one run: what goes on the wire.</summary>
public sealed record ConnectorRequest(string Method, string Url, ImmutableArray<KeyValuePair<string, string>> Headers, string? Body);
