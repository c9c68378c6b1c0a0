namespace Analytics.Warehouse.DuckDb;

/// <summary>DuckDB's temporal encodings: days and microseconds since 1970-01-01 (UTC for TIMESTAMPTZ).</summary>
internal static class TemporalCodec
{
    private const long EpochTicks = 621_355_968_000_000_000;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static int ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly FromDays(int days) => DateOnly.FromDayNumber(days + EpochDayNumber);

    /// <summary>Local times are converted to UTC first; unspecified ones are taken as they are.</summary>
    public static long ToMicros(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
            value = value.ToUniversalTime();
        return (value.Ticks - EpochTicks) / TimeSpan.TicksPerMicrosecond;
    }

    public static DateTime FromMicros(long micros, DateTimeKind kind) =>
        new((micros * TimeSpan.TicksPerMicrosecond) + EpochTicks, kind);

    public static long SecondsToMicros(long seconds) => seconds * 1_000_000;

    public static long MillisToMicros(long millis) => millis * 1_000;

    public static long NanosToMicros(long nanos) => nanos / 1_000;

    public static DateTime FromNanos(long nanos) =>
        new((nanos / 100) + EpochTicks, DateTimeKind.Unspecified);
}
