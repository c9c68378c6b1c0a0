using System.Globalization;

namespace Analytics.Reports.Email;

/// <summary>
/// A written report run (<c>&lt;Reports:Output&gt;/&lt;from&gt;_&lt;to&gt;/</c>, design §4) as the email sends it:
/// its own <c>headline.json</c> (numbers, coverage, alerts, charts in finance's order) and the folder's files.
/// </summary>
public static class ReportFolder
{
    /// <summary>The daily report folder, the one the email sends.</summary>
    public static string PathFor(string output, DateOnly from, DateOnly to) =>
        Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}_{to:yyyy-MM-dd}"));

    /// <summary>
    /// Whether <paramref name="name"/> is a report folder's name (<c>yyyy-MM-dd_yyyy-MM-dd</c>, with <c>_hour</c>,
    /// <c>_week</c> or <c>_month</c>): what may be served or listed from Reports:Output, unlike its <c>.cache</c> (which
    /// holds callers' numbers).
    /// </summary>
    public static bool IsReportFolder(string name) => Html.ReportIndex.IsFolder(name);

    /// <summary>Reads <c>headline.json</c> of <paramref name="folder"/>.</summary>
    public static ReportEmail Read(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"report folder not found: {folder}");
        return new ReportEmail(Path.GetFullPath(folder), ReportDigest.Read(folder));
    }
}

/// <summary>What the email sends: a report folder and its digest. Chart and CSV paths are relative to <see cref="Folder"/>.</summary>
public sealed record ReportEmail(string Folder, ReportDigest Digest)
{
    public string Period => Digest.Period;

    public IReadOnlyList<string> ChartPngs => [.. Digest.Charts.Select(c => Path.Combine(Folder, c.Png)).Where(File.Exists)];

    public IReadOnlyList<string> Csvs => [.. Digest.Csvs.Select(c => Path.Combine(Folder, c)).Where(File.Exists)];
}
