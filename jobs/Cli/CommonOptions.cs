using System.CommandLine;
using System.Globalization;

namespace Analytics.Jobs.Cli;

/// <summary>Options shared by several commands, defined once so their names and parsing never drift.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Configuration file (default: analytics.json in the working directory)",
        Recursive = true,
    };

    public static Option<DateOnly?> From() => DateOption("--from", "First day, yyyy-MM-dd (default: yesterday, UTC)");

    public static Option<DateOnly?> To() => DateOption("--to", "Last day, inclusive, yyyy-MM-dd (default: --from)");

    /// <summary>A yyyy-MM-dd option; anything else is a parse error naming the option.</summary>
    public static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return day;
            result.AddError($"{name} expects a date as yyyy-MM-dd, got '{text}'");
            return null;
        },
    };

    /// <summary>Resolves --from/--to to an inclusive range of days; both absent means yesterday (UTC).</summary>
    public static (DateOnly From, DateOnly To) Days(DateOnly? from, DateOnly? to, TimeProvider time)
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var first = from ?? to ?? yesterday;
        var last = to ?? from ?? yesterday;
        if (last < first)
            throw new CliException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
        return (first, last);
    }
}
