namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// A DuckDB INTERVAL exactly as stored: months and days are calendar units that have no fixed length,
/// so only an interval without months converts to a <see cref="TimeSpan"/> (a day counted as 24 h).
/// </summary>
public readonly record struct DuckDbInterval(int Months, int Days, long Micros)
{
    /// <summary>An interval of <paramref name="span"/> expressed as days plus microseconds.</summary>
    public static DuckDbInterval FromTimeSpan(TimeSpan span)
    {
        var days = span.Days;
        var micros = (span.Ticks - (days * TimeSpan.TicksPerDay)) / TimeSpan.TicksPerMicrosecond;
        return new DuckDbInterval(0, days, micros);
    }

    /// <summary>The interval as a <see cref="TimeSpan"/>; fails when it has months, which have no fixed length.</summary>
    public TimeSpan ToTimeSpan() => Months != 0
        ? throw new InvalidCastException($"the interval {this} has months, which have no fixed length; read it as {nameof(DuckDbInterval)}")
        : TimeSpan.FromTicks((Days * TimeSpan.TicksPerDay) + (Micros * TimeSpan.TicksPerMicrosecond));
}
