using Analytics.Reports.Charts;
using SkiaSharp;

namespace Analytics.Reports.Tests.Charts;

/// <summary>
/// Chart text comes from the DejaVu Sans shipped inside the product, never from the machine's fonts (ScottPlot
/// draws no text at all, silently, when it finds none). SkiaSharp's Linux build here scans /usr/share/fonts itself
/// (no fontconfig), so a font-less machine cannot be simulated in-process: the typeface is checked to come from the
/// embedded bytes, and the title area of a real PNG is checked for drawn pixels.
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

        // The title band (top 40 px, middle half of the width) holds only the title: count its dark pixels.
        var dark = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = png.Width / 4; x < png.Width * 3 / 4; x++)
            {
                var c = png.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 300)
                    dark++;
            }
        }

        Assert.True(dark > 300, $"the title area has {dark} dark pixels: no title text was drawn");
    }
}
