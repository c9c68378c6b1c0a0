namespace Analytics.Reports.Aggregates;

/// <summary>
/// Where reports keep each local day's call aggregates and distinct inbound callers once computed
/// (<c>Reports:CacheDays</c>), so a report reads again only the days whose calls changed since: under
/// <see cref="Root"/>, one folder per warehouse (its identity and path), cache format and zone, and per day a Parquet
/// file of its aggregates and a file of its callers, both named by the day's fingerprint (see <see cref="CallDays"/>).
/// One instance per report run: it counts what the run read and computed.
/// </summary>
public sealed class CallDayCache(string root)
{
    private int _read;
    private int _computed;
    private int _scanned;

    /// <summary>The default place: <c>&lt;Reports:Output&gt;/.cache/call-days</c> (the report index skips folders starting with a dot).</summary>
    public static CallDayCache Under(string reportsOutput) => new(Path.Combine(reportsOutput, ".cache", "call-days"));

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Days this run took from the cache.</summary>
    public int DaysRead => _read;

    /// <summary>Days this run added up from the raw calls (new, changed, or not cacheable).</summary>
    public int DaysComputed => _computed;

    /// <summary>Days whose fingerprint this run read from the calls (the others came from what the cache remembered; see DayFingerprints).</summary>
    public int DaysScanned => _scanned;

    /// <summary>Why the run could not write to the cache, if it could not (the report is whole all the same).</summary>
    public string? WriteFailure { get; private set; }

    /// <summary>"31 days read, 0 computed" (for logs).</summary>
    public string Summary => WriteFailure is null
        ? $"{DaysRead} days read, {DaysComputed} computed, {DaysScanned} fingerprinted from the calls"
        : $"{DaysRead} days read, {DaysComputed} computed, {DaysScanned} fingerprinted from the calls, not written: {WriteFailure}";

    internal void Counted(int read, int computed)
    {
        Interlocked.Add(ref _read, read);
        Interlocked.Add(ref _computed, computed);
    }

    internal void Scanned(int days) => Interlocked.Add(ref _scanned, days);

    internal void WriteFailed(string why) => WriteFailure ??= why;
}
