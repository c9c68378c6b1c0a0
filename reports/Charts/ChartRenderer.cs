using System.Globalization;
using ScottPlot;

namespace Analytics.Reports.Charts;

/// <summary>
/// Draws <see cref="Chart"/> models with ScottPlot 5 as PNG and SVG, laid out on 560×400 px: the shipped DejaVu
/// Sans, title (wrapped, and note) on top, legend below the plot, thousands separators on the value axis, one colour
/// per source. Text is sized for a phone, which shows the chart ~340 px wide: 18 px ticks read as ~11 px there.
/// The page shows the SVG (sharp at any size); the email's PNG is drawn at twice the layout size (same layout, ScottPlot's
/// scale factor), so a phone's 2-3 device pixels per CSS pixel do not blur it.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 560;
    public const int Height = 400;

    /// <summary>PNG pixels per layout pixel: the PNG is 1120×800 and shown at 560×400 (or narrower).</summary>
    public const int PngScale = 2;

    private const int TitleChars = 44;
    private const float TickSize = 18;

    public static DrawnChart Draw(Chart chart)
    {
        ChartFont.Register();
        var plot = Build(chart);
        var svg = plot.GetSvgXml(Width, Height);
        plot.ScaleFactor = PngScale;
        return new DrawnChart(chart, plot.GetImageBytes(Width * PngScale, Height * PngScale, ImageFormat.Png), svg);
    }

    private static Plot Build(Chart chart)
    {
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.Title(Wrap(chart.Note is null ? chart.Title : chart.Title + " — " + chart.Note, TitleChars), size: 19);
        plot.Axes.Left.Label.Text = chart.ValueLabel;
        plot.Axes.Left.Label.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e5e5");
        if (chart.IsEmpty)
        {
            var text = plot.Add.Text(chart.EmptyText, 0, 0);
            text.LabelFontSize = 22;
            text.LabelFontColor = Color.FromHex("#777777");
            text.LabelAlignment = Alignment.MiddleCenter;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            plot.HideAxesAndGrid();
            plot.Axes.Title.IsVisible = true;
            return plot;
        }

        switch (chart.Kind)
        {
            case ChartKind.StackedBars:
                StackedBars(plot, chart);
                break;
            case ChartKind.Lines:
                Lines(plot, chart);
                break;
            default:
                HorizontalBars(plot, chart);
                break;
        }

        return plot;
    }

    private static void StackedBars(Plot plot, Chart chart)
    {
        var bases = new double[chart.Categories.Count];
        foreach (var series in chart.Series)
        {
            var color = SeriesColors.For(series.Name);
            var bars = new List<Bar>();
            for (var i = 0; i < chart.Categories.Count; i++)
            {
                var value = double.IsNaN(series.Values[i]) ? 0 : series.Values[i];
                bars.Add(new Bar { Position = i, ValueBase = bases[i], Value = bases[i] + value, FillColor = color, LineWidth = 0 });
                bases[i] += value;
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.Color = color;
        }

        CategoryTicks(plot.Axes.Bottom, chart.Categories);
        ValueTicks(plot.Axes.Left, bases.DefaultIfEmpty(0).Max());
        plot.Axes.Margins(bottom: 0);
        Legend(plot, chart);
    }

    private static void Lines(Plot plot, Chart chart)
    {
        double[] xs = [.. Enumerable.Range(0, chart.Categories.Count).Select(i => (double)i)];
        var max = 0.0;
        foreach (var series in chart.Series)
        {
            var line = plot.Add.Scatter(xs, series.Values.ToArray());
            line.LegendText = series.Name;
            line.Color = SeriesColors.For(series.Name);
            line.LineWidth = 3;
            line.MarkerSize = chart.Categories.Count <= 31 ? 7 : 0;
            max = Math.Max(max, series.Values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max());
        }

        CategoryTicks(plot.Axes.Bottom, chart.Categories);
        ValueTicks(plot.Axes.Left, max);
        plot.Axes.SetLimitsY(0, max <= 0 ? 1 : max * 1.1);
        Legend(plot, chart);
    }

    private static void HorizontalBars(Plot plot, Chart chart)
    {
        var values = chart.Series[0].Values;
        var count = chart.Categories.Count;
        // Largest at the top: category i is drawn at position count-1-i.
        var bars = values.Select((v, i) => new Bar
        {
            Position = count - 1 - i, ValueBase = 0, Value = v, FillColor = SeriesColors.For(chart.Series[0].Name), LineWidth = 0,
            Label = v.ToString("N2", CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 16;
        double[] positions = [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. chart.Categories.Select(c => Shorten(c, 18))]);
        plot.Axes.Left.Label.Text = "";
        plot.Axes.Bottom.Label.Text = chart.ValueLabel;
        plot.Axes.Bottom.Label.FontSize = TickSize;
        ValueTicks(plot.Axes.Bottom, values.DefaultIfEmpty(0).Max());
        plot.Axes.Margins(left: 0, right: 0.2);
    }

    private static void CategoryTicks(ScottPlot.IAxis axis, IReadOnlyList<string> categories)
    {
        var indices = TickIndices(categories.Count, MaxCategoryTicks);
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. indices.Select(i => (double)i)], [.. indices.Select(i => categories[i])]);
    }

    /// <summary>Labels a "22 Nov" axis can hold at <see cref="TickSize"/> with room between them.</summary>
    private const int MaxCategoryTicks = 5;

    /// <summary>
    /// Which categories get a label: every n-th counted back from the last (the day a report is about is always
    /// labelled), evenly spaced, at most <paramref name="max"/>, so no two labels crowd each other.
    /// </summary>
    internal static IReadOnlyList<int> TickIndices(int count, int max)
    {
        var step = Math.Max(1, (int)Math.Ceiling(count / (double)max));
        return [.. Enumerable.Range(0, count).Where(i => (count - 1 - i) % step == 0)];
    }

    private static void ValueTicks(ScottPlot.IAxis axis, double max) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString(max >= 100 ? "N0" : max >= 1 ? "N1" : "N2", CultureInfo.InvariantCulture),
        };

    private static void Legend(Plot plot, Chart chart)
    {
        if (chart.Series.Count == 0)
            return;
        plot.Legend.FontSize = TickSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// Breaks a title at spaces into as few lines of at most <paramref name="width"/> characters as it needs, of
    /// similar lengths (no last line of one word).
    /// </summary>
    internal static string Wrap(string text, int width)
    {
        // A title and its note ("Spend per day by source (EUR) — calls and SMS, last 14 days") break between the two when
        // the title fits one line, so no phrase of either is cut in half.
        var dash = text.IndexOf(" — ", StringComparison.Ordinal);
        if (dash > 0 && dash <= width)
            return text[..dash] + "\n" + Balanced(text[(dash + 3)..], width);
        return Balanced(text, width);
    }

    private static string Balanced(string text, int width)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = Lines(words, width);
        for (var target = (int)Math.Ceiling(text.Length / (double)lines.Count); target < width; target++)
        {
            var balanced = Lines(words, target);
            if (balanced.Count == lines.Count)
                return string.Join('\n', balanced);
        }

        return string.Join('\n', lines);
    }

    private static List<string> Lines(string[] words, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in words)
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
                line = line.Length == 0 ? word : line + " " + word;
        }

        lines.Add(line);
        return lines;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
