using System.Globalization;

namespace Analytics.Reports.Tables;

/// <summary>How a column's value is written: CSV keeps machine-readable invariant text, HTML what a person reads.</summary>
internal enum CellKind
{
    /// <summary>Text, left-aligned.</summary>
    Text,

    /// <summary>A whole number: CSV 1234, HTML 1,234.</summary>
    Integer,

    /// <summary>Money in major units: CSV 4 decimals, HTML 2 decimals with separators; empty when unpriced.</summary>
    Amount,

    /// <summary>A ratio 0–1: CSV 0.6736, HTML 67.4 %.</summary>
    Ratio,

    /// <summary>A decimal with 2 places: CSV 12.50, HTML 12.50 with separators.</summary>
    Decimal2,

    /// <summary>A number kept exact: CSV as is (0.625, 0.091), HTML 2 decimals with separators.</summary>
    Number,

    /// <summary>A relative change (ratio, may be negative or unknown): CSV 0.1250, HTML +12.5 %.</summary>
    Change,
}

/// <summary>
/// One output column: its CSV header, its human header, its kind and how a row's value is read; <paramref name="Display"/>
/// replaces the kind's HTML text where the row says what the value is (a comparison's metric).
/// </summary>
internal sealed record Column<T>(string Header, string Label, CellKind Kind, Func<T, object?> Value, Func<T, string>? Display = null)
{
    public string Csv(T row) => Cell.Csv(Kind, Value(row));

    public string Html(T row) => Display is null ? Cell.Html(Kind, Value(row)) : Display(row);

    public bool Numeric => Kind != CellKind.Text;
}

/// <summary>Text of the values the tables hold (invariant culture everywhere).</summary>
internal static class Cell
{
    public static string Csv(CellKind kind, object? value) => (kind, value) switch
    {
        (_, null) => "",
        (CellKind.Amount, decimal v) => Amount(v),
        (CellKind.Ratio or CellKind.Change, decimal v) => v.ToString("0.0000", CultureInfo.InvariantCulture),
        (CellKind.Decimal2, decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture),
        (_, IFormattable v) => v.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Html(CellKind kind, object? value) => (kind, value) switch
    {
        (CellKind.Amount, null) => "unpriced",
        (CellKind.Change, null) => "—",
        (_, null) => "",
        (CellKind.Integer, long v) => v.ToString("N0", CultureInfo.InvariantCulture),
        (CellKind.Amount or CellKind.Decimal2 or CellKind.Number, decimal v) => v.ToString("N2", CultureInfo.InvariantCulture),
        (CellKind.Ratio, decimal v) => Percent(v),
        (CellKind.Change, decimal v) => (v > 0 ? "+" : "") + Percent(v),
        _ => Csv(kind, value),
    };

    /// <summary>Major units with 4 decimals.</summary>
    public static string Amount(decimal value) =>
        Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>0.6736 → "67.4 %".</summary>
    public static string Percent(decimal ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
