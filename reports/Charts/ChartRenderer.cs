using System.Globalization;
using ScottPlot;

namespace Analytics.Reports.Charts;

/// <summary>
/// Draws <see cref="Chart"/> models with ScottPlot 5 as PNG and SVG, 800×400 px: the shipped DejaVu Sans,
/// title (and note) on top, legend below the plot, thousands separators on the value axis, one colour per
/// source. Text is sized to stay readable when a phone scales the image to ~360 px.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 800;
    public const int Height = 400;

    public static DrawnChart Draw(Chart chart)
    {
        ChartFont.Register();
        var plot = Build(chart);
        return new DrawnChart(chart, plot.GetImageBytes(Width, Height, ImageFormat.Png), plot.GetSvgXml(Width, Height));
    }

    private static Plot Build(Chart chart)
    {
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.Title(chart.Note is null ? chart.Title : chart.Title + "\n" + chart.Note, size: 20);
        plot.Axes.Left.Label.Text = chart.ValueLabel;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e5e5");
        if (chart.IsEmpty)
        {
            var text = plot.Add.Text("No data", 0, 0);
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
        plottable.ValueLabelStyle.FontSize = 14;
        double[] positions = [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. chart.Categories.Select(c => Shorten(c, 28))]);
        plot.Axes.Left.Label.Text = "";
        plot.Axes.Bottom.Label.Text = chart.ValueLabel;
        plot.Axes.Bottom.Label.FontSize = 16;
        ValueTicks(plot.Axes.Bottom, values.DefaultIfEmpty(0).Max());
        plot.Axes.Margins(left: 0, right: 0.15);
    }

    private static void CategoryTicks(ScottPlot.IAxis axis, IReadOnlyList<string> categories)
    {
        // At most ~10 labels so they never overlap, the last one always shown.
        var step = Math.Max(1, (int)Math.Ceiling(categories.Count / 10.0));
        var last = categories.Count - 1;
        var indices = Enumerable.Range(0, categories.Count).Where(i => i == last || (i % step == 0 && last - i >= Math.Max(1, step / 2 + 1))).ToList();
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. indices.Select(i => (double)i)], [.. indices.Select(i => categories[i])]);
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
        plot.Legend.FontSize = 15;
        plot.ShowLegend(Edge.Bottom);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
