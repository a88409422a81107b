using System.Globalization;

namespace CrowdPortal.Cli;

/// <summary>
/// A command's arguments: positionals and <c>--name value</c> / <c>--name=value</c> options, checked against the options
/// the command declares, so a typo is an error rather than silently ignored.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ParsedArguments()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Parses <paramref name="args"/>; every option takes a value except those in <paramref name="flags"/>.</summary>
    /// <exception cref="UsageException">An option is unknown, repeated or lacks its value.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flags = null)
    {
        flags ??= [];
        var parsed = new ParsedArguments();
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (arg == "--" && !optionsEnded)
                {
                    optionsEnded = true;
                    continue;
                }

                if (!optionsEnded && arg.Length > 1 && arg[0] == '-' && !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new UsageException($"unknown option '{arg}'");
                }

                parsed._positionals.Add(arg);
                continue;
            }

            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flags.Contains(name))
            {
                if (value is not null)
                {
                    throw new UsageException($"option '--{name}' takes no value");
                }

                value = "true";
            }
            else if (valueOptions.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new UsageException($"option '--{name}' needs a value");
                    }

                    value = args[++i];
                }
            }
            else
            {
                throw new UsageException($"unknown option '--{name}'");
            }

            if (!parsed._options.TryAdd(name, value))
            {
                throw new UsageException($"option '--{name}' given twice");
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>A positive whole number option, or <paramref name="fallback"/> when absent.</summary>
    public int? PositiveInt(string name, int? fallback = null)
    {
        string? text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            throw new UsageException($"option '--{name}' needs a whole number of at least 1 (got '{text}')");
        }

        return value;
    }

    /// <summary>The single positional a command expects (its input), or a usage error naming it.</summary>
    public string RequirePositional(int index, string what)
    {
        if (index < _positionals.Count)
        {
            return _positionals[index];
        }

        throw new UsageException($"missing {what}");
    }

    /// <summary>Rejects positionals beyond the first <paramref name="count"/>.</summary>
    public void ExpectPositionals(int count)
    {
        if (_positionals.Count > count)
        {
            throw new UsageException($"unexpected argument '{_positionals[count]}'");
        }
    }
}
