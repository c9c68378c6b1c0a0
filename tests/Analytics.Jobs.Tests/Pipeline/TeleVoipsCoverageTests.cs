using Analytics.Pipeline.Steps;
using Analytics.Warehouse.Mapping;

namespace Analytics.Jobs.Tests.Pipeline;

/// <summary>The UTC hours a report period misses from TeleVoIPs' PBX-local files, with the PBX's clock read from the files across a DST change.</summary>
public sealed class TeleVoipsCoverageTests
{
    private static readonly DateOnly Oct31 = new(2026, 10, 31), Nov1 = new(2026, 11, 1), Nov2 = new(2026, 11, 2);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4), Est = TimeSpan.FromHours(-5);

    // New York's clocks go back on 2026-11-01 at 02:00 EDT: that file starts at −04:00 and ends at −05:00.
    private static readonly PbxClock NewYork = new(null,
        [new(Oct31, Oct31, Edt, Edt), new(Nov1, Nov1, Edt, Est), new(Nov2, Nov2, Est, Est)]);

    private static readonly DateTimeOffset Later = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static string? Missing(DateOnly day, PbxClock pbx, DateTimeOffset now, params DateOnly[] landed) =>
        TeleVoipsCoverage.Missing(TeleVoipsCoverage.Period(day, day, TimeZoneInfo.Utc), [.. landed.Select(pbx.Span)], pbx, now);

    [Fact]
    public void A_utc_day_is_covered_by_the_local_day_before_and_its_own_across_the_dst_change()
    {
        Assert.Null(Missing(Nov1, NewYork, Later, Oct31, Nov1));
        Assert.Null(Missing(Nov2, NewYork, Later, Nov1, Nov2));
    }

    [Fact]
    public void Without_the_local_day_before_the_first_hours_are_missing_at_that_days_offset()
    {
        Assert.Equal("calls before 2026-11-01 04:00 UTC not yet loaded (the PBX's 2026-10-31 file)", Missing(Nov1, NewYork, Later, Nov1));
        Assert.Equal("calls before 2026-11-02 05:00 UTC not yet loaded (the PBX's 2026-11-01 file)", Missing(Nov2, NewYork, Later, Nov2));
    }

    [Fact]
    public void A_pbx_east_of_utc_misses_the_last_hour_until_its_next_day_is_over()
    {
        var paris = new PbxClock(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), []);
        var nextMorning = new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal("calls after 2026-11-02 23:00 UTC not yet exported", Missing(Nov2, paris, nextMorning, Nov2));
        Assert.Equal("calls after 2026-11-02 23:00 UTC not yet loaded (the PBX's 2026-11-03 file)", Missing(Nov2, paris, Later, Nov2));
    }

    [Fact]
    public void A_pbx_on_utc_or_nothing_known_changes_nothing_its_gaps_are_whole_days()
    {
        var utc = new PbxClock(null, []);
        Assert.Null(Missing(Nov2, utc, Later, Nov2));
        Assert.Null(Missing(Nov2, utc, Later, Nov1));
    }
}
