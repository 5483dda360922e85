using System.Globalization;
using System.Text;

namespace AuthServer.Tests.Infrastructure;

/// <summary>One sample of a Prometheus text exposition: name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A parsed <c>GET /metrics</c> answer (the text format, version 0.0.4).</summary>
public sealed class PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
{
    public string Text { get; } = text;

    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return new PrometheusScrape(text, Parse(text));
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<PrometheusSample> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();

    /// <summary>The value of the one sample of <paramref name="name"/> with these labels; 0 when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var found = Find(name, labels);
        Assert.True(found.Count <= 1, $"{found.Count} samples of {name} match {string.Join(",", labels)}:\n{Text}");
        return found.Count == 0 ? 0 : found[0].Value;
    }

    public double Sum(string name) => Samples.Where(s => s.Name == name).Sum(s => s.Value);

    private static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ');
            string name;
            int rest;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                rest = ReadLabels(line, brace + 1, labels);
            }
            else
            {
                name = line[..space];
                rest = space;
            }

            var value = line[rest..].Trim().Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }

        return samples;
    }

    /// <summary>Reads <c>a="x",b="y"}</c> from <paramref name="i"/>; returns the index after the closing brace.</summary>
    private static int ReadLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var labelName = line[i..equals].Trim(',', ' ');
            var value = new StringBuilder();
            for (i = equals + 2; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[labelName] = value.ToString();
            i++;
            if (line[i] == ',')
            {
                i++;
            }
        }

        return i + 1;
    }
}
