using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Warehouse.Connections;

/// <summary>
/// The only place that reads DuckDB's error text: a failed open whose message says another process holds the file's
/// lock, and the prefix DuckDB.NET puts on open errors ("Conflicting lock is held in /usr/bin/analytics (PID 1234)").
/// </summary>
internal static partial class LockMessage
{
    /// <summary>The holder named in <paramref name="message"/>, or null when the message is not a lock conflict.</summary>
    public static WarehouseLockHolder? Holder(string message, WarehouseAccess access)
    {
        var match = Conflict().Match(message);
        if (match.Success)
        {
            return new WarehouseLockHolder(Path.GetFileName(match.Groups["exe"].Value),
                int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture), access);
        }

        return message.Contains("Could not set lock", StringComparison.Ordinal) ? new WarehouseLockHolder(null, null, access) : null;
    }

    /// <summary>DuckDB's message on one line, without DuckDB.NET's "DuckDBOpen failed: " prefix.</summary>
    public static string OneLine(string message)
    {
        const string prefix = "DuckDBOpen failed: ";
        var text = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"Conflicting lock is held in (?<exe>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex Conflict();
}
