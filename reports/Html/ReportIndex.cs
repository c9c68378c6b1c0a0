using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Reports.Html;

/// <summary><c>&lt;Reports:Output&gt;/index.html</c>: every report folder, newest first, with its spend, PARTIAL mark and alerts.</summary>
internal static partial class ReportIndex
{
    /// <summary>Report folder names under <paramref name="output"/>, oldest first.</summary>
    public static IReadOnlyList<string> Folders(string output) => Directory.Exists(output)
        ? [.. Directory.GetDirectories(output).Select(Path.GetFileName).OfType<string>().Where(IsFolder).Order(StringComparer.Ordinal)]
        : [];

    public static bool IsFolder(string name) => FolderName().IsMatch(name);

    /// <summary>
    /// The reports of the same granularity just before and after <paramref name="name"/>, one-day reports apart from
    /// longer ones: a day's report leads to the day before, not to the week that ends on it.
    /// </summary>
    public static (string? Previous, string? Next) Neighbours(string output, string name)
    {
        var kind = (Suffix(name), OneDay(name));
        var same = Folders(output).Append(name).Distinct().Where(n => (Suffix(n), OneDay(n)) == kind).Order(StringComparer.Ordinal).ToList();
        var i = same.IndexOf(name);
        return (i > 0 ? same[i - 1] : null, i < same.Count - 1 ? same[i + 1] : null);
    }

    public static async Task WriteAsync(string output, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Analytics reports</title><style>")
            .Append(HtmlReportWriter.Style).Append("</style></head><body>\n<h1>Analytics reports</h1>\n<div class=\"scroll\"><table><tr><th>Report</th><th>Status</th><th>Spend</th><th class=\"n\">Calls</th><th>Alerts</th></tr>\n");
        foreach (var name in Folders(output).Reverse())
        {
            ReportDigest? digest = null;
            try
            {
                digest = ReportDigest.Read(Path.Combine(output, name));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                // An older report without headline.json is still listed, without its numbers.
            }

            html.Append("<tr><td><a href=\"").Append(E(name)).Append("/index.html\">").Append(E(name)).Append("</a></td><td>")
                .Append(digest is null ? "" : digest.Partial ? "<b>PARTIAL</b>" : "complete").Append("</td><td>")
                .Append(E(digest is null ? "" : string.Join(" + ", digest.Headline.TotalSpend.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Value:N2} {s.Key}")))))
                .Append("</td><td class=\"n\">").Append(digest is null ? "" : digest.Headline.Calls.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(E(digest is null ? "" : string.Join("; ", digest.Alerts.Select(a => a.Message)))).Append("</td></tr>\n");
        }

        html.Append("</table></div>\n</body></html>\n");
        Directory.CreateDirectory(output);
        await AtomicFile.WriteAsync(Path.Combine(output, "index.html"), html.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static string Suffix(string name) => name.Length > 21 ? name[21..] : "";

    private static bool OneDay(string name) => name.Length >= 21 && name.AsSpan(0, 10).SequenceEqual(name.AsSpan(11, 10));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}(_(hour|week|month))?$")]
    private static partial Regex FolderName();
}
