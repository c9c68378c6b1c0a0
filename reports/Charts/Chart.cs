namespace Analytics.Reports.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>Vertical bars, series stacked per category (e.g. spend by source per day).</summary>
    StackedBars,

    /// <summary>One line per series over the categories (time).</summary>
    Lines,

    /// <summary>One horizontal bar per category, first series only (rankings).</summary>
    HorizontalBars,
}

/// <summary>One named series; <see cref="Values"/> align with <see cref="Chart.Categories"/>; NaN = no value (a gap in a line).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// What a chart shows, independent of how it is drawn. <paramref name="Name"/> is the file name (without
/// extension), <paramref name="ValueLabel"/> the unit on the value axis (e.g. "EUR", "calls", "%"),
/// <paramref name="Note"/> a line under the title (e.g. how much spend has no destination).
/// </summary>
public sealed record Chart(
    string Name,
    string Title,
    ChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    string ValueLabel,
    string? Note = null,
    string EmptyText = "No data")
{
    /// <summary>True when there is nothing to draw: the renderer then shows <see cref="EmptyText"/>.</summary>
    public bool IsEmpty => Categories.Count == 0 || Series.Count == 0 || Series.All(s => s.Values.All(v => v == 0 || double.IsNaN(v)));
}

/// <summary>A drawn chart: its model, PNG bytes and SVG text.</summary>
public sealed record DrawnChart(Chart Chart, byte[] Png, string Svg);
