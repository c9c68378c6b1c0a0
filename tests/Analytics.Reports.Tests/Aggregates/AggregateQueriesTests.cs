using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Tests.Aggregates;

/// <summary>Aggregates against hand-computed values of <see cref="ReportDataset"/> (Europe/Paris, 24–27 Oct 2026).</summary>
public sealed class AggregateQueriesTests(ReportDatasetFixture fixture) : IClassFixture<ReportDatasetFixture>
{
    private Task<ReportData> RunAsync(Granularity granularity, DateOnly? from = null, DateOnly? to = null)
    {
        using var connection = fixture.Dataset.OpenReadOnly();
        return AggregateQueries.RunAsync(connection, new ReportPeriod(from ?? ReportDataset.From, to ?? ReportDataset.To, ReportDataset.TimeZone, granularity), CancellationToken.None);
    }

    [Fact]
    public async Task The_summary_totals_every_source_per_direction_and_currency_without_mixing_currencies()
    {
        var data = await RunAsync(Granularity.Day);
        var all = data.CallsSummary.Where(r => r.Source == "ALL").Select(r => (r.Direction, r.Currency, r.Count, r.Answered, r.Duration, r.Aloc, r.Asr, r.BilledMinutes, r.Unpriced, r.Debit, r.UniqueCallers));
        Assert.Equal(
        [
            ("IN", "EUR", 3L, 2L, 230L, 115L, 0.6667m, 5.00m, 0L, (decimal?)0.04m, 2L),
            ("IN", null, 1L, 0L, 0L, 0L, 0m, 0m, 1L, null, 1L),
            ("OUT", "EUR", 1L, 1L, 65L, 65L, 1m, 2.00m, 0L, 0.12m, 0L),
            ("OUT", "USD", 2L, 2L, 145L, 73L, 1m, 3.00m, 0L, 0.075m, 0L),
            ("OUT", null, 1L, 0L, 0L, 0L, 0m, 0m, 1L, null, 0L),
        ], all);
        Assert.Equal(["ALL", "ALL", "ALL", "ALL", "ALL", "callr", "callr", "televoips", "televoips", "telnyx"], data.CallsSummary.Select(r => r.Source));
    }

    [Fact]
    public async Task Days_are_cut_in_the_report_time_zone_across_the_dst_change_and_empty_days_appear_with_zeros()
    {
        var data = await RunAsync(Granularity.Day);
        var buckets = data.CallsHistory.Select(r => (r.PeriodStart, r.PeriodStartUtc)).Distinct().ToList();
        Assert.Equal(
        [
            ("2026-10-24", "2026-10-23 22:00:00"), ("2026-10-25", "2026-10-24 22:00:00"),
            ("2026-10-26", "2026-10-25 23:00:00"), ("2026-10-27", "2026-10-26 23:00:00"),
        ], buckets);
        CallsHistoryRow Row(string day, string direction, string? currency) =>
            data.CallsHistory.Single(r => r.PeriodStart == day && r.Source == "ALL" && r.Direction == direction && r.Currency == currency);

        // 00:30 UTC on the 25th (and 22:30 UTC on the 24th) are the 25th in Paris.
        Assert.Equal((0L, (decimal?)0m), (Row("2026-10-24", "OUT", "USD").Count, Row("2026-10-24", "OUT", "USD").Debit));
        Assert.Equal((2L, 145L, 73L, (decimal?)0.075m), (Row("2026-10-25", "OUT", "USD").Count, Row("2026-10-25", "OUT", "USD").Duration, Row("2026-10-25", "OUT", "USD").Aloc, Row("2026-10-25", "OUT", "USD").Debit));
        Assert.Equal((2L, 1L, 30L, 0.5m), (Row("2026-10-24", "IN", "EUR").Count, Row("2026-10-24", "IN", "EUR").Answered, Row("2026-10-24", "IN", "EUR").Aloc, Row("2026-10-24", "IN", "EUR").Asr));
        Assert.Equal((1L, 200L), (Row("2026-10-25", "IN", "EUR").Count, Row("2026-10-25", "IN", "EUR").Aloc));
        // An empty day: zero calls and zero spend, except where nothing is ever priced (NULL currency: spend unknown).
        Assert.All(data.CallsHistory.Where(r => r.PeriodStart == "2026-10-26"),
            r => Assert.Equal((0L, 0L, 0L, r.Currency is null ? null : 0m), (r.Count, r.Aloc, r.Duration, r.Debit)));
        Assert.Equal(10, data.CallsHistory.Count(r => r.PeriodStart == "2026-10-26"));
        Assert.Equal((1L, 0L, 0L, 0m), (Row("2026-10-27", "IN", null).Count, Row("2026-10-27", "IN", null).Answered, Row("2026-10-27", "IN", null).Aloc, Row("2026-10-27", "IN", null).Asr));
    }

    [Fact]
    public async Task The_dst_day_has_twenty_five_hourly_buckets()
    {
        var day = new DateOnly(2026, 10, 25);
        var data = await RunAsync(Granularity.Hour, day, day);
        var hours = data.CallsHistory.Select(r => r.PeriodStartUtc).Distinct().ToList();
        Assert.Equal(25, hours.Count);
        Assert.Equal("2026-10-24 22:00:00", hours[0]);
        Assert.Equal("2026-10-25 22:00:00", hours[^1]);
        var t2 = data.CallsHistory.Single(r => r.Source == "telnyx" && r.Count == 1 && r.PeriodStartUtc == "2026-10-25 00:00:00");
        Assert.Equal(("2026-10-25 02:00", 45L), (t2.PeriodStart, t2.Duration));
    }

    [Fact]
    public async Task Weeks_start_on_monday_in_the_report_time_zone()
    {
        var data = await RunAsync(Granularity.Week);
        Assert.Equal(["2026-10-19", "2026-10-26"], data.CallsHistory.Select(r => r.PeriodStart).Distinct());
        Assert.Equal(6L, data.CallsHistory.Where(r => r.Source == "ALL" && r.PeriodStart == "2026-10-19").Sum(r => r.Count));
        Assert.Equal(2L, data.CallsHistory.Where(r => r.Source == "ALL" && r.PeriodStart == "2026-10-26").Sum(r => r.Count));
    }

    [Fact]
    public async Task Breakdowns_by_country_did_and_app_are_per_currency_and_dids_count_inbound_calls_only()
    {
        var data = await RunAsync(Granularity.Day);
        Assert.Equal(
            [("EUR", "GB", 1L, (decimal?)0.12m), ("EUR", "FR", 3L, 0.04m), ("USD", "US", 2L, 0.075m), (null, "DE", 1L, null), (null, "FR", 1L, null)],
            data.CallsByCountry.Where(r => r.Source == "ALL").Select(r => (r.Currency, r.CountryCode, r.Count, r.Debit)));
        Assert.Equal(
            [("EUR", "+33187000002", 1L), ("EUR", "+33187000001", 2L), (null, "+33187000001", 1L)],
            data.CallsByDid.Where(r => r.Source == "ALL").Select(r => (r.Currency, r.Did, r.Count)));
        Assert.Equal(
            [("EUR", "a1", "Sales", 1L, 65L), ("EUR", "a2", "Support", 3L, 115L), ("USD", null, null, 2L, 73L), (null, null, null, 2L, 0L)],
            data.CallsByApp.Where(r => r.Source == "ALL").Select(r => (r.Currency, r.AppId, r.AppName, r.Count, r.Aloc)));
    }

    [Fact]
    public async Task Sms_are_summed_per_direction_and_currency_and_history_has_every_day()
    {
        var data = await RunAsync(Granularity.Day);
        Assert.Equal(
            [("IN", "USD", 1L, 1L, (decimal?)0m), ("OUT", "EUR", 1L, 2L, 0.1m), ("OUT", "USD", 2L, 4L, 0.016m)],
            data.SmsSummary.Where(r => r.Source == "ALL").Select(r => (r.Direction, r.Currency, r.Count, r.Parts, r.Debit)));
        Assert.Equal(["2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"], data.SmsHistory.Select(r => r.PeriodStart).Distinct());
        Assert.All(data.SmsHistory.Where(r => r.PeriodStart == "2026-10-26"), r => Assert.Equal(0L, r.Count));
    }

    [Fact]
    public async Task An_empty_period_still_has_every_bucket_for_all_in_and_out()
    {
        var data = await RunAsync(Granularity.Day, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 11));
        Assert.Empty(data.CallsSummary);
        Assert.Equal(
            [("2026-11-10", "ALL", "IN", 0L), ("2026-11-10", "ALL", "OUT", 0L), ("2026-11-11", "ALL", "IN", 0L), ("2026-11-11", "ALL", "OUT", 0L)],
            data.CallsHistory.Select(r => (r.PeriodStart, r.Source, r.Direction, r.Count)));
        Assert.Equal(4, data.SmsHistory.Count);
    }

    [Fact]
    public async Task The_headline_sums_all_sources_and_keeps_currencies_apart()
    {
        var headline = ReportHeadline.From(await RunAsync(Granularity.Day));
        Assert.Equal((8L, 4L, 4L, 5L, 0.625m, 88L, 2L, 4L, 7L), (headline.Calls, headline.InboundCalls, headline.OutboundCalls, headline.Answered,
            headline.Asr, headline.Aloc, headline.UnpricedCalls, headline.Sms, headline.SmsParts));
        Assert.Equal([("EUR", 0.26m), ("USD", 0.091m)], headline.TotalSpend.Select(p => (p.Key, p.Value)));
    }
}
