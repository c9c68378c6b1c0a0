using Analytics.Reports.Charts;

namespace Analytics.Reports.Tests.Charts;

public sealed class ChartRendererTests
{
    [Fact]
    public void Fourteen_day_ticks_are_evenly_spaced_and_end_on_the_last_day_without_two_side_by_side()
    {
        // The old rule labelled every 2nd day from the first plus the last, so 13 Nov (index 12) sat beside 14 Nov (index 13): "29 Oct31 Oct".
        Assert.Equal([1, 4, 7, 10, 13], ChartRenderer.TickIndices(14, 5));
        Assert.Equal([0, 1, 2, 3], ChartRenderer.TickIndices(4, 5));
        Assert.Equal([0], ChartRenderer.TickIndices(1, 5));
        Assert.Empty(ChartRenderer.TickIndices(0, 5));
        var month = ChartRenderer.TickIndices(31, 5);
        Assert.Equal(30, month[^1]);
        Assert.True(month.Count <= 5);
        Assert.Single(month.Zip(month.Skip(1), (a, b) => b - a).Distinct());
    }

    [Fact]
    public void A_long_title_breaks_between_title_and_note_then_at_spaces_into_lines_of_similar_length()
    {
        var title = ChartRenderer.Wrap("Top 10 destinations by spend (EUR) — 54 % of EUR spend (93.39) has no destination and is not shown", 44);
        var spend = ChartRenderer.Wrap("Spend per day by source (EUR) — calls and SMS, last 14 days", 44);
        var longTitle = ChartRenderer.Wrap("Average length of answered calls (ALOC) per day in the period — last 14 days", 44);

        Assert.Equal("Top 10 destinations by spend (EUR)\n54 % of EUR spend (93.39) has\nno destination and is not shown", title);
        Assert.Equal("Spend per day by source (EUR)\ncalls and SMS, last 14 days", spend);
        Assert.Equal("Average length of answered calls (ALOC)\nper day in the period — last 14 days", longTitle);
        Assert.Equal("Calls per day", ChartRenderer.Wrap("Calls per day", 44));
    }
}
