namespace Analytics.Reports.Aggregates;

/// <summary>ASR, ALOC and billed minutes, defined once for every table, the headline, charts and alerts.</summary>
public static class Ratios
{
    /// <summary>Answer-seizure ratio: answered ÷ calls, 4 decimals, half away from zero; 0 without calls.</summary>
    public static decimal Asr(long answered, long calls) =>
        calls == 0 ? 0 : Math.Round((decimal)answered / calls, 4, MidpointRounding.AwayFromZero);

    /// <summary>Average length of call: answered seconds ÷ answered calls, whole seconds, half away from zero; 0 when none answered.</summary>
    public static long Aloc(long duration, long answered) =>
        answered == 0 ? 0 : (long)Math.Round((decimal)duration / answered, MidpointRounding.AwayFromZero);

    /// <summary>Seconds as minutes, 2 decimals.</summary>
    public static decimal Minutes(long seconds) => Math.Round(seconds / 60m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>What every aggregate row has: a source (or ALL) and a currency (null: unpriced).</summary>
public interface IMetricsRow
{
    string Source { get; }

    string? Currency { get; }

    long Count { get; }

    decimal? Debit { get; }
}

/// <summary>A history row: its bucket key and labels, filled in by <see cref="HistoryGrid"/>.</summary>
public interface IHistoryRow : IMetricsRow
{
    long Bucket { get; }

    string PeriodStart { get; }

    string PeriodStartUtc { get; }

    string Direction { get; }
}
