using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports.Charts;

/// <summary>
/// Turns SVG files into PNG with <c>rsvg-convert</c> (librsvg). When the tool is absent the SVGs stay
/// the deliverable and one log line says so; a failing conversion is an error naming the file.
/// </summary>
internal sealed class PngConverter(ILogger logger, string tool = "rsvg-convert")
{
    private bool _missingLogged;

    /// <summary>Writes <c>&lt;svg without extension&gt;.png</c> 800 px wide; returns its path, or null when rsvg-convert is missing.</summary>
    public async Task<string?> ConvertAsync(string svgPath, CancellationToken cancellationToken)
    {
        var png = Path.ChangeExtension(svgPath, ".png");
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-w", "800", svgPath, "-o", png])
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception)
        {
            if (!_missingLogged)
                logger.LogWarning("{Tool} not found: charts are written as SVG only (install librsvg2-bin for PNG)", tool);
            _missingLogged = true;
            return null;
        }

        using (process)
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} failed on {svgPath} (exit {process.ExitCode}): {error.Trim()}");
        }

        return png;
    }
}
