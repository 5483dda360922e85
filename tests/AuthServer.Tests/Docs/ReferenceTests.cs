using System.CommandLine;
using System.Reflection;
using AuthServer.Cli;
using AuthServer.Options;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Docs;

/// <summary>docs/reference.md names every configuration key the server binds and every CLI command with its options.</summary>
public sealed class ReferenceTests
{
    private static readonly MarkdownDoc Reference = MarkdownDoc.Read("docs/reference.md");

    [Fact]
    public void The_configuration_reference_names_every_key_of_every_bound_options_class()
    {
        var keys = BoundKeys().ToList();
        Assert.Contains("Auth:KeyRotation:Interval", keys);   // the walk finds nested classes,
        Assert.Contains("Clients:N:GrantTypes:M", keys);      // lists of lists,
        Assert.Contains("Telemetry:Otlp:Endpoint", keys);     // and classes outside Options/

        var section = Reference.Section("## Configuration");
        var missing = keys.Where(key => !section.Contains($"`{key}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/reference.md, Configuration, lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_cli_reference_has_a_row_for_every_command_with_each_of_its_options_and_arguments()
    {
        var rows = Reference.Section("## CLI").Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1]).ToList();
        var problems = new List<string>();
        foreach (var (path, command) in Leaves(CliCommands.Root(), ""))
        {
            var row = rows.FirstOrDefault(r => r.TrimStart().StartsWith($"`{path}", StringComparison.Ordinal)
                && (r.TrimStart().Length == path.Length + 1 || r.TrimStart()[path.Length + 1] is ' ' or '`'));
            if (row is null)
            {
                problems.Add($"no row for '{path}'");
                continue;
            }

            var words = command.Options.Where(o => !o.Hidden).Select(o => o.Name)
                .Concat(command.Arguments.Where(a => !a.Hidden).Select(a => a.Name.ToUpperInvariant()));
            problems.AddRange(words.Where(w => !row.Contains(w, StringComparison.Ordinal)).Select(w => $"'{path}' lacks {w}"));
        }

        Assert.True(problems.Count == 0, "docs/reference.md, CLI: " + string.Join("; ", problems));
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}")) yield return leaf;
        }
    }

    /// <summary>
    /// The keys of every options class with a <c>Section</c> (bound with BindConfiguration), and of the clients and
    /// scopes bound at the root; list entries are written <c>N</c>, and a list's within it <c>M</c>.
    /// </summary>
    private static IEnumerable<string> BoundKeys()
    {
        var sections = typeof(AuthOptions).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section") is { IsLiteral: true })
            .Select(t => ((string)t.GetField("Section")!.GetRawConstantValue()!, t));
        foreach (var (section, type) in sections.Append(("", typeof(CatalogOptions))))
        {
            foreach (var key in Keys(type, section, ["N", "M"])) yield return key;
        }
    }

    private static IEnumerable<string> Keys(Type type, string prefix, string[] indexes)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = propertyType != typeof(string) && propertyType.IsGenericType
                && propertyType.GetGenericTypeDefinition() == typeof(List<>) ? propertyType.GetGenericArguments()[0] : null;
            if (element is not null)
            {
                var listKey = $"{key}:{indexes[0]}";
                if (IsLeaf(element)) yield return listKey;
                else foreach (var nested in Keys(element, listKey, indexes[1..])) yield return nested;
            }
            else if (IsLeaf(propertyType))
            {
                yield return key;
            }
            else
            {
                foreach (var nested in Keys(propertyType, key, indexes)) yield return nested;
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri);
}
