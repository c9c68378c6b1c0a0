using System.Globalization;
using System.Text;

namespace Analytics.Reports.Charts;

/// <summary>
/// Draws <see cref="Chart"/> models as plain SVG 1.1: 760×380 px (readable at email width), Okabe–Ito
/// colours (colour-blind safe), one common font family, title, legend, 1-2-5 ticks with thousands
/// separators and the unit on the value axis. No dependency beyond the BCL.
/// </summary>
internal sealed class SvgChartRenderer : IChartRenderer
{
    public const int Width = 760;
    public const int Height = 380;
    internal const double CharWidth = 6.4; // average advance of the 11 px sans-serif labels
    private const double Top = 68;
    private const double Bottom = Height - 40;
    private const double Right = Width - 20;

    /// <summary>Okabe & Ito (2008), ordered so neighbouring series contrast; yellow last (weak on white).</summary>
    internal static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    public string RenderSvg(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var svg = new SvgBuilder(Width, Height);
        svg.Text(Width / 2.0, 26, chart.Title, size: 16, anchor: "middle", weight: "bold");
        if (chart.IsEmpty)
        {
            svg.Rect(20, Top, Right - 20, Bottom - Top, "#f7f7f7");
            svg.Text(Width / 2.0, (Top + Bottom) / 2, "No data", size: 18, anchor: "middle", fill: "#666666");
            return svg.ToString();
        }

        if (chart.Kind != ChartKind.HorizontalBars)
            Legend(svg, chart.Series);
        if (chart.Kind == ChartKind.HorizontalBars)
            HorizontalBars(svg, chart);
        else
            Vertical(svg, chart);
        return svg.ToString();
    }

    private static void Legend(SvgBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var widths = series.Select(s => 22 + (s.Name.Length * CharWidth) + 16).ToList();
        var x = (Width - widths.Sum()) / 2;
        for (var i = 0; i < series.Count; i++)
        {
            svg.Rect(x, 40, 12, 12, Palette[i % Palette.Length]);
            svg.Text(x + 17, 50, series[i].Name, size: 12);
            x += widths[i];
        }
    }

    private static void Vertical(SvgBuilder svg, Chart chart)
    {
        var n = chart.Categories.Count;
        var stacked = chart.Kind == ChartKind.StackedBars;
        var max = stacked
            ? Enumerable.Range(0, n).Max(i => chart.Series.Sum(s => Math.Max(0, s.Values[i])))
            : chart.Series.Max(s => s.Values.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var ticks = AxisTicks.For(max);
        var step = ticks[1] - ticks[0];
        var labels = ticks.Select(t => AxisTicks.Label(t, step)).ToList();
        var left = 40 + (labels.Max(l => l.Length) * CharWidth);
        double Y(double v) => Bottom - ((Bottom - Top) * v / ticks[^1]);

        for (var t = 0; t < ticks.Count; t++)
        {
            svg.Line(left, Y(ticks[t]), Right, Y(ticks[t]), t == 0 ? "#333333" : "#dddddd");
            svg.Text(left - 6, Y(ticks[t]) + 4, labels[t], size: 11, anchor: "end");
        }

        svg.Text(16, (Top + Bottom) / 2, chart.ValueLabel, size: 12, anchor: "middle", rotate: true);
        var slot = (Right - left) / n;
        double X(int i) => left + (slot * (i + 0.5));
        CategoryLabels(svg, chart.Categories, slot, X);
        if (stacked)
        {
            var barWidth = Math.Clamp(slot * 0.7, 1, 56);
            for (var i = 0; i < n; i++)
            {
                var baseline = 0.0;
                for (var s = 0; s < chart.Series.Count; s++)
                {
                    var v = Math.Max(0, chart.Series[s].Values[i]);
                    if (v <= 0)
                        continue;
                    svg.Rect(X(i) - (barWidth / 2), Y(baseline + v), barWidth, Y(baseline) - Y(baseline + v), Palette[s % Palette.Length]);
                    baseline += v;
                }
            }

            return;
        }

        for (var s = 0; s < chart.Series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var values = chart.Series[s].Values;
            // NaN means "undefined here" (e.g. ASR of a bucket without calls): the line breaks instead of dropping to 0.
            var run = new List<(double, double)>();
            for (var i = 0; i <= n; i++)
            {
                if (i < n && double.IsFinite(values[i]))
                {
                    run.Add((X(i), Y(values[i])));
                    continue;
                }

                if (run.Count > 1)
                    svg.Polyline(run, colour);
                run.Clear();
            }

            if (n <= 62)
            {
                for (var i = 0; i < n; i++)
                {
                    if (double.IsFinite(values[i]))
                        svg.Circle(X(i), Y(values[i]), 2.5, colour);
                }
            }
        }
    }

    /// <summary>Every k-th category label, k chosen so labels never overlap.</summary>
    private static void CategoryLabels(SvgBuilder svg, IReadOnlyList<string> categories, double slot, Func<int, double> x)
    {
        var widest = (categories.Max(c => c.Length) * CharWidth) + 12;
        var every = Math.Max(1, (int)Math.Ceiling(widest / slot));
        for (var i = 0; i < categories.Count; i += every)
            svg.Text(x(i), Bottom + 16, categories[i], size: 11, anchor: "middle");
    }

    private static void HorizontalBars(SvgBuilder svg, Chart chart)
    {
        var values = chart.Series[0].Values;
        var names = chart.Categories.Select(c => c.Length > 28 ? c[..27] + "…" : c).ToList();
        var left = Math.Min(240, 16 + (names.Max(c => c.Length) * CharWidth));
        var ticks = AxisTicks.For(values.Max(), target: 4);
        var step = ticks[1] - ticks[0];
        var valueRight = Right - 70; // room for the value printed after the longest bar
        double X(double v) => left + ((valueRight - left) * v / ticks[^1]);
        var slot = (Bottom - 20 - Top) / names.Count;
        foreach (var tick in ticks)
        {
            svg.Line(X(tick), Top, X(tick), Bottom - 20, tick == 0 ? "#333333" : "#dddddd");
            svg.Text(X(tick), Bottom - 4, AxisTicks.Label(tick, step), size: 11, anchor: "middle");
        }

        svg.Text((left + valueRight) / 2, Bottom + 22, chart.ValueLabel, size: 12, anchor: "middle");
        var barHeight = Math.Min(24, slot * 0.7);
        for (var i = 0; i < names.Count; i++)
        {
            var y = Top + (slot * (i + 0.5));
            svg.Text(left - 6, y + 4, names[i], size: 11, anchor: "end");
            svg.Rect(left, y - (barHeight / 2), X(values[i]) - left, barHeight, Palette[0]);
            svg.Text(X(values[i]) + 4, y + 4, AxisTicks.Label(values[i], Math.Min(step, 0.01)), size: 11);
        }
    }
}
