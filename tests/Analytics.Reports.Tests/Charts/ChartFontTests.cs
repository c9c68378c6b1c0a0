using Analytics.Reports.Charts;
using SkiaSharp;

namespace Analytics.Reports.Tests.Charts;

/// <summary>
/// Chart text comes from the DejaVu Sans shipped inside the product, never from the machine's fonts (ScottPlot
/// draws no text at all, silently, when it finds none). SkiaSharp's Linux build scans /usr/share/fonts itself (no
/// fontconfig), so the machine without fonts is simulated out of process (<see cref="FontlessMachineTests"/>).
/// </summary>
public sealed class ChartFontTests
{
    [Fact]
    public void The_default_font_is_the_shipped_dejavu_sans_from_embedded_bytes()
    {
        ChartFont.Register();
        Assert.Equal(ChartFont.Family, ScottPlot.Fonts.Default);
        using var typeface = new ChartFont().CreateTypeface(ChartFont.Family, bold: false, italic: false);
        Assert.NotNull(typeface);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.GetGlyphs("Spend 1,234.56 €").All(g => g != 0), "a glyph is missing from the shipped font");
    }

    [Fact]
    public void A_chart_title_is_drawn_without_any_system_font()
    {
        var chart = new Chart("t", "Spend per day by source (EUR)", ChartKind.StackedBars, ["1 Nov", "2 Nov"], [new ChartSeries("callr", [1, 2])], "EUR");

        using var png = SKBitmap.Decode(ChartRenderer.Draw(chart).Png);

        var strokes = FontlessMachineTests.TitleStrokes(png);
        Assert.True(strokes > 150, $"the title area has {strokes} strokes: no title text was drawn");

        var untitled = chart with { Title = "" };
        using var blank = SKBitmap.Decode(ChartRenderer.Draw(untitled).Png);
        Assert.True(FontlessMachineTests.TitleStrokes(blank) < 60, "an untitled chart counts as titled: the check would not see missing text");
    }
}
