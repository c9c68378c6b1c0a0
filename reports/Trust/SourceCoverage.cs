namespace Analytics.Reports.Trust;

/// <summary>How much of a source a report covers.</summary>
public enum SourceCoverageState
{
    /// <summary>Every day of the period was fetched and loaded.</summary>
    Included,

    /// <summary>The source is configured but its fetch or load failed; <see cref="SourceCoverage.Cause"/> says why.</summary>
    Failed,

    /// <summary>The source is configured but some days of the period are not (completely) landed.</summary>
    MissingDays,

    /// <summary>The source has no credentials configured: nothing expected from it.</summary>
    NotConfigured,

    /// <summary>
    /// Every day is landed, but part of the period is in files not landed yet: a TeleVoIPs file holds the PBX's local
    /// day, so a UTC day off the PBX's zone also needs its neighbour's file. <see cref="SourceCoverage.Cause"/> says which
    /// hours (<c>calls after 2026-12-05 05:00 UTC not yet exported</c>).
    /// </summary>
    MissingPart,
}

/// <summary>
/// One source's coverage of a report period, as the pipeline knows it (it ran the fetches). Pass these to
/// <see cref="ReportGenerator"/>; without them the report derives what it can from the warehouse and the
/// landing zone's <c>_complete</c> markers. A report is PARTIAL when any source is Failed, MissingDays or MissingPart.
/// </summary>
public sealed record SourceCoverage(string Source, SourceCoverageState State, string? Cause, IReadOnlyList<DateOnly> MissingDays)
{
    public static SourceCoverage Included(string source) => new(source, SourceCoverageState.Included, null, []);

    /// <summary>A failed source; a cause starting with its name ("callr: credentials rejected") loses it, the coverage line names it already.</summary>
    public static SourceCoverage Failed(string source, string cause)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cause);
        var line = cause.ReplaceLineEndings(" ");
        return new(source, SourceCoverageState.Failed, line.StartsWith(source + ": ", StringComparison.Ordinal) ? line[(source.Length + 2)..] : line, []);
    }

    public static SourceCoverage NotConfigured(string source) => new(source, SourceCoverageState.NotConfigured, null, []);

    /// <summary>A source missing part of the period: <paramref name="missing"/> says which hours and why, in one line.</summary>
    public static SourceCoverage MissingPart(string source, string missing) => new(source, SourceCoverageState.MissingPart, missing, []);

    public bool MakesPartial => State is SourceCoverageState.Failed or SourceCoverageState.MissingDays or SourceCoverageState.MissingPart;
}
