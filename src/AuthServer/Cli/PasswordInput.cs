using System.Text;

namespace AuthServer.Cli;

/// <summary>
/// A password for the CLI: the first line of standard input when it is redirected (a pipe, a file, a script),
/// otherwise typed twice at the terminal without echo. Never a command-line argument, which shell histories and
/// process lists would keep.
/// </summary>
public static class PasswordInput
{
    public static async Task<string> ReadAsync(CliConsole console)
    {
        if (!console.InIsTerminal)
        {
            var line = await console.In.ReadLineAsync();
            return string.IsNullOrEmpty(line)
                ? throw new CliException("No password on standard input: pipe it in (one line), or run the command in a terminal to be asked.")
                : line;
        }

        var first = ReadHidden(console.Error, "Password: ");
        var second = ReadHidden(console.Error, "Password again: ");
        return first == second ? first : throw new CliException("The two passwords differ; nothing was changed.");
    }

    private static string ReadHidden(TextWriter prompt, string label)
    {
        prompt.Write(label);
        prompt.Flush();
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return password.ToString();
    }
}
