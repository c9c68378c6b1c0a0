using System.Globalization;

namespace Analytics.Reports.Csv;

/// <summary>One output column: its snake_case header and how a row's value is written (invariant culture).</summary>
internal sealed record Column<T>(string Header, Func<T, string> Value);

/// <summary>Invariant text of the values the tables hold.</summary>
internal static class Cell
{
    /// <summary>Major units with 4 decimals; empty for an unknown (unpriced) amount.</summary>
    public static string Amount(decimal? value) =>
        value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture) : "";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
