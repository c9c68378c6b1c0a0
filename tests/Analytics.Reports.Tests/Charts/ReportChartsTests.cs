using Analytics.Reports.Aggregates;
using Analytics.Reports.Charts;

namespace Analytics.Reports.Tests.Charts;

public sealed class ReportChartsTests
{
    private static readonly ReportPeriod Day = new(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), "UTC", Granularity.Day);

    [Fact]
    public void When_more_than_a_third_of_spend_has_no_destination_the_chart_says_so_instead_of_a_big_unknown_bar()
    {
        var data = new ReportData(Day, [], [], [], [],
        [
            new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = null, Count = 60, Debit = 60m },
            new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = "France - Mobile", Count = 30, Debit = 30m },
            new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = "Spain", Count = 10, Debit = 10m },
        ], [], [], []);

        var chart = ReportCharts.All(data, null).Single(c => c.Name == "top_destinations_eur");

        Assert.Equal(["France - Mobile", "Spain"], chart.Categories);
        Assert.Equal("60 % of EUR spend (60.00) has no destination and is not shown", chart.Note);
    }

    [Fact]
    public void Spend_comes_first_and_a_one_day_report_charts_its_trailing_fourteen_days_with_one_colour_per_source()
    {
        var days = Day.Daily(Day.From.AddDays(-13), Day.To);
        List<CallsHistoryRow> trend = [.. Enumerable.Range(0, 14).SelectMany(i => new[]
        {
            new CallsHistoryRow { PeriodStart = days.From.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Source = "callr", Direction = "OUT", Currency = "EUR", Count = 1, Debit = i },
            new CallsHistoryRow { PeriodStart = days.From.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Source = "telnyx", Direction = "OUT", Currency = "EUR", Count = 1, Debit = 1 },
        })];
        var data = new ReportData(Day, [], [], [], [], [], [], [], []);

        var charts = ReportCharts.All(data, new TrendData(days, trend, []));

        Assert.Equal("spend_by_source_eur", charts[0].Name);
        Assert.Equal(14, charts[0].Categories.Count);
        Assert.Equal("20 Nov", charts[0].Categories[^1]);
        Assert.Equal(["callr", "telnyx"], charts[0].Series.Select(s => s.Name));
        Assert.Equal(SeriesColors.For("telnyx"), SeriesColors.For("TELNYX"));
        Assert.NotEqual(SeriesColors.For("callr"), SeriesColors.For("telnyx"));
    }

    [Fact]
    public void Days_the_warehouse_has_no_data_for_are_gaps_in_the_count_lines_not_zeros()
    {
        var days = Day.Daily(Day.From.AddDays(-13), Day.To);
        string Iso(int i) => days.From.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Data from the 11th day of 14 on (the first load); a day with data but no inbound call is a real 0.
        List<CallsHistoryRow> calls = [.. Enumerable.Range(0, 14).SelectMany(i => new[]
        {
            new CallsHistoryRow { PeriodStart = Iso(i), Source = "ALL", Direction = "IN", Currency = "EUR", Count = i >= 10 && i != 12 ? 5 : 0 },
            new CallsHistoryRow { PeriodStart = Iso(i), Source = "ALL", Direction = "OUT", Currency = "EUR", Count = i >= 10 ? 7 : 0 },
        })];
        var data = new ReportData(Day, [], [], [], [], [], [], [], []);

        var charts = ReportCharts.All(data, new TrendData(days, calls, []));

        var volume = charts.Single(c => c.Name == "call_volume");
        var inbound = volume.Series.Single(s => s.Name == "IN").Values;
        Assert.All(inbound.Take(10), v => Assert.True(double.IsNaN(v)));
        Assert.Equal([5, 5, 0, 5], inbound.Skip(10));
        var parts = charts.Single(c => c.Name == "sms_parts").Series.Single(s => s.Name == "OUT").Values;
        Assert.All(parts.Take(10), v => Assert.True(double.IsNaN(v)));
        Assert.All(parts.Skip(10), v => Assert.Equal(0, v));
    }
}
