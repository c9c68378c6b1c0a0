namespace Analytics.Reports;

/// <summary>Width of a history bucket, cut in <see cref="ReportsOptions.TimeZone"/>.</summary>
public enum Granularity
{
    /// <summary>One bucket per hour.</summary>
    Hour,

    /// <summary>One bucket per local calendar day (23, 24 or 25 hours).</summary>
    Day,

    /// <summary>One bucket per ISO week, starting Monday 00:00 local.</summary>
    Week,

    /// <summary>One bucket per calendar month.</summary>
    Month,
}
