namespace Analytics.Reports.Email;

/// <summary>
/// What the email says about one generated report: the period, the headline numbers, and the files to
/// show (chart PNGs, inline) and attach (CSVs). Map a report generator's result onto this; paths are absolute
/// or relative to the working directory.
/// </summary>
public sealed record ReportEmail(
    DateOnly From,
    DateOnly To,
    long Calls,
    long Sms,
    IReadOnlyList<Spend> Spend,
    IReadOnlyList<string> ChartPngs,
    IReadOnlyList<string> Csvs)
{
    /// <summary>"2026-11-21", or "2026-11-01 to 2026-11-07" for several days.</summary>
    public string Period => From == To ? Day(From) : $"{Day(From)} to {Day(To)}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Money spent in one currency (major units, e.g. euros), summed over all sources.</summary>
public sealed record Spend(string Currency, decimal Amount);
