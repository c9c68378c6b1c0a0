using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Warehouse;

/// <summary>
/// What one use of the warehouse (a load, a report) may take of DuckDB's memory. DuckDB's settings are per database
/// instance, and every connection of one process to one file shares its instance, so the facade sets the instance's
/// <c>memory_limit</c> to the sum of the budgets of the connections open on it: a report opened during a load adds its
/// budget rather than replacing the load's, and neither ever shrinks the other's.
/// </summary>
/// <param name="MemoryLimit">A DuckDB size such as <c>160MB</c> or <c>1GB</c>.</param>
/// <param name="PreserveInsertionOrder">
/// False lets DuckDB insert in parallel out of order (loads: raw rows carry their ordinal). While any open use asks
/// for false the instance runs with false; queries that need an order say ORDER BY.
/// </param>
public sealed partial record WarehouseBudget(string MemoryLimit, bool PreserveInsertionOrder = true)
{
    /// <summary>The limit in bytes; an <see cref="ArgumentException"/> names the value when it is not a size.</summary>
    public long Bytes { get; } = Parse(MemoryLimit);

    private static long Parse(string value)
    {
        var match = Size().Match(value ?? string.Empty);
        if (!match.Success)
            throw new ArgumentException($"'{value}' is not a size such as 160MB or 1GB", nameof(value));
        var unit = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "B" => 1d,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KIB" => 1024d,
            "MIB" => 1024d * 1024,
            "GIB" => 1024d * 1024 * 1024,
            _ => 1024d * 1024 * 1024 * 1024,
        };
        return (long)(double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) * unit);
    }

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Size();
}
