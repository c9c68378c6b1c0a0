using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Reports;

namespace Analytics.Jobs.Cli;

/// <summary>
/// The alerts section of <c>analytics status</c>: those of the latest daily report (the folder under
/// <c>Reports:Output</c> ending on the latest day, the shortest when several do), one line each, read from the
/// report's own <c>headline.json</c>, so status says what the email and <c>index.html</c> said.
/// </summary>
internal static partial class StatusAlerts
{
    public static async Task WriteAsync(string reportsOutput, TextWriter output, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(reportsOutput);
        var latest = Latest(root);
        if (latest is null)
        {
            await output.WriteLineAsync($"alerts: no report written yet in {root} (Reports:Output)".AsMemory(), cancellationToken);
            return;
        }

        ReportDigest digest;
        try
        {
            digest = ReportDigest.Read(latest);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            await output.WriteLineAsync($"alerts: {ex.Message.ReplaceLineEndings(" ")}".AsMemory(), cancellationToken);
            return;
        }

        var partial = digest.Partial ? ", PARTIAL" : "";
        if (digest.Alerts.Count == 0)
        {
            await output.WriteLineAsync($"alerts (report {digest.Period}{partial}): none".AsMemory(), cancellationToken);
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"alerts (report {digest.Period}{partial}): {digest.Alerts.Count}").AsMemory(), cancellationToken);
        foreach (var alert in digest.Alerts)
            await output.WriteLineAsync($"  {alert.Message}".AsMemory(), cancellationToken);
    }

    /// <summary>The daily report folder ending last (a one-day report before a longer one ending the same day); null when there is none.</summary>
    private static string? Latest(string root) => !Directory.Exists(root)
        ? null
        : Directory.GetDirectories(root)
            .Select(path => (Path: path, Match: DailyFolder().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success && File.Exists(Path.Combine(f.Path, ReportDigest.FileName)))
            .OrderByDescending(f => f.Match.Groups["to"].Value, StringComparer.Ordinal)
            .ThenByDescending(f => f.Match.Groups["from"].Value, StringComparer.Ordinal)
            .Select(f => f.Path)
            .FirstOrDefault();

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})_(?<to>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DailyFolder();
}
