using System.Xml.Linq;
using Analytics.Reports.Charts;
using Analytics.Testing;

namespace Analytics.Reports.Tests.Charts;

public sealed class SvgChartRendererTests
{
    private static readonly Chart Spend = new("spend_by_source_eur", "Spend per day by source, calls + SMS (EUR)", ChartKind.StackedBars,
        ["20 Nov", "21 Nov", "22 Nov"],
        [new("callr", [1200.5, 0, 830]), new("telnyx", [310, 0, 2900.25])], "EUR");

    [Fact]
    public void A_stacked_bar_chart_matches_its_golden_svg() =>
        Golden.Verify(new SvgChartRenderer().RenderSvg(Spend), "stacked_bars", "svg");

    [Fact]
    public void The_svg_is_well_formed_and_escapes_labels()
    {
        var chart = Spend with { Title = "Spend <by> \"source\" & more", Series = [new("a&b", [1, 2, 3])] };
        var svg = XDocument.Parse(new SvgChartRenderer().RenderSvg(chart));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("Spend <by> \"source\" & more", texts);
        Assert.Contains("a&b", texts);
    }

    [Fact]
    public void A_chart_without_data_says_no_data()
    {
        var svg = new SvgChartRenderer().RenderSvg(Spend with { Categories = [], Series = [] });
        Assert.Contains(">No data</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<polyline", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_categories_get_labels_that_do_not_overlap()
    {
        var days = Enumerable.Range(0, 90).Select(i => new DateOnly(2026, 1, 1).AddDays(i).ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var chart = new Chart("volume", "Calls per day", ChartKind.Lines, days, [new("IN", [.. days.Select((_, i) => (double)i)])], "calls");
        var svg = XDocument.Parse(new SvgChartRenderer().RenderSvg(chart));
        var xs = svg.Descendants().Where(e => e.Name.LocalName == "text" && days.Contains(e.Value))
            .Select(e => double.Parse(e.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(xs.Count is > 3 and < 90);
        var widest = days.Max(d => d.Length) * SvgChartRenderer.CharWidth;
        Assert.All(xs.Zip(xs.Skip(1)), pair => Assert.True(pair.Second - pair.First > widest, $"labels at {pair.First} and {pair.Second} overlap"));
    }
}
