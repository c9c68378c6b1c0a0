using Analytics.Reports.Charts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reports.Tests.Charts;

public sealed class PngConverterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("png-").FullName;

    [Fact]
    public async Task Converts_an_svg_to_an_800_pixel_wide_png()
    {
        if (!File.Exists("/usr/bin/rsvg-convert") && Environment.GetEnvironmentVariable("CI") != "true")
            return; // rsvg-convert is not installed on this machine; CI must have it
        var svg = Path.Combine(_directory, "chart.svg");
        await File.WriteAllTextAsync(svg, new SvgChartRenderer().RenderSvg(new Chart("c", "T", ChartKind.Lines, ["a", "b"], [new("s", [1, 2])], "u")));
        var png = await new PngConverter(NullLogger.Instance).ConvertAsync(svg, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(png!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.Equal(800, width);
    }

    [Fact]
    public async Task A_missing_converter_keeps_the_svg_and_returns_no_png()
    {
        var svg = Path.Combine(_directory, "chart.svg");
        await File.WriteAllTextAsync(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        var png = await new PngConverter(NullLogger.Instance, "rsvg-convert-that-does-not-exist").ConvertAsync(svg, CancellationToken.None);
        Assert.Null(png);
        Assert.True(File.Exists(svg));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
