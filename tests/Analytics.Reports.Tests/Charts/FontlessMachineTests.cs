using System.Diagnostics;
using Analytics.Reports.Charts;
using Analytics.Testing;
using SkiaSharp;

namespace Analytics.Reports.Tests.Charts;

/// <summary>
/// <c>analytics report</c> run as on a machine with no fonts: in a private mount namespace (unshare, as root)
/// an empty folder is mounted over /usr/share/fonts, the only place SkiaSharp's Linux build looks. The spend
/// chart's title must still be drawn: its strokes are counted. Without the shipped font ScottPlot draws no text.
/// </summary>
public sealed class FontlessMachineTests(ReportDatasetFixture fixture) : IClassFixture<ReportDatasetFixture>
{
    [FontlessFact]
    public void A_report_on_a_machine_without_fonts_still_draws_chart_titles()
    {
        using var work = new TempDirectory("fontless");
        var empty = Directory.CreateDirectory(work.Combine("no-fonts")).FullName;
        var output = work.Combine("out");
        var config = work.Combine("analytics.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new
        {
            Warehouse = new { fixture.Dataset.Path },
            Reports = new { Output = output, TimeZone = "Europe/Paris" },
        }));
        var cli = Path.Combine(AppContext.BaseDirectory, "analytics.dll");
        var script = $"mount --bind '{empty}' /usr/share/fonts && test -z \"$(ls -A /usr/share/fonts)\" && echo fonts-hidden && " +
                     $"dotnet '{cli}' report --from 2026-10-24 --to 2026-10-27 --config '{config}'";

        var (exit, text) = Run("/usr/bin/unshare", "-m", "--", "sh", "-c", script);

        Assert.True(exit == 0, text);
        Assert.Contains("fonts-hidden", text, StringComparison.Ordinal);
        using var png = SKBitmap.Decode(Path.Combine(output, "2026-10-24_2026-10-27", "charts", "spend_by_source_eur.png"));
        Assert.True(TitleStrokes(png) > 150, $"the title area has {TitleStrokes(png)} strokes: no text was drawn without system fonts");
    }

    /// <summary>
    /// Strokes in the title band (top 40 layout px, middle half of the width): light-to-dark steps along each row, one
    /// row per layout pixel whatever the PNG's scale. A title line gives hundreds; a chart without text (whose frame then
    /// moves up into the band) gives a few per row at most.
    /// </summary>
    internal static int TitleStrokes(SKBitmap png)
    {
        Assert.Equal(ChartRenderer.Width * ChartRenderer.PngScale, png.Width);
        var strokes = 0;
        for (var y = 0; y < 40 * ChartRenderer.PngScale; y += ChartRenderer.PngScale)
        {
            var wasDark = false;
            for (var x = png.Width / 4; x < png.Width * 3 / 4; x++)
            {
                var c = png.GetPixel(x, y);
                var dark = c.Red + c.Green + c.Blue < 384;
                if (dark && !wasDark)
                    strokes++;
                wasDark = dark;
            }
        }

        return strokes;
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A fact that needs root and unshare(1) to hide the machine's fonts: skipped with the reason elsewhere, unless CI=true.</summary>
public sealed class FontlessFactAttribute : FactAttribute
{
    public FontlessFactAttribute()
    {
        if (TestProcess.InCi)
            return;
        if (!File.Exists("/usr/bin/unshare"))
            Skip = "unshare(1) is not installed";
        else if (Environment.UserName != "root")
            Skip = "hiding /usr/share/fonts in a mount namespace needs root";
    }
}
