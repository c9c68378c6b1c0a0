using System.Globalization;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Tests.Trust;

public sealed class AlertRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    private static CallsHistoryRow Row(string source, int daysBack, long calls, long answered, decimal spend) => new()
    {
        PeriodStart = Day.AddDays(-daysBack).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Source = source, Direction = "OUT", Currency = "EUR",
        Count = calls, Answered = answered, Debit = spend,
    };

    private static List<CallsHistoryRow> Week(string source, long calls, long answered, decimal spend) =>
        [.. Enumerable.Range(1, 7).Select(d => Row(source, d, calls, answered, spend))];

    [Fact]
    public void A_spend_spike_and_an_asr_drop_raise_alerts_and_noise_under_min_calls_does_not()
    {
        List<CallsHistoryRow> history =
        [
            .. Week("callr", 200, 120, 10m), Row("callr", 0, 200, 60, 20m),        // spend ×2, ASR 60 % → 30 %
            .. Week("telnyx", 20, 12, 1m), Row("telnyx", 0, 20, 2, 9m),            // the same swings on 20 calls: noise
        ];

        var alerts = AlertRules.Evaluate(Day, history, [], new AlertsOptions());

        Assert.Equal([("callr", Alert.SpendSpike), ("callr", Alert.AsrDrop)], alerts.Select(a => (a.Source, a.Rule)));
        Assert.Equal("callr: EUR spend 20.00 on 2026-11-20 is 100 % above its 7-day average of 10.00", alerts[0].Message);
        Assert.Equal("callr (EUR): ASR 30.0 % on 2026-11-20, 30.0 points below its 7-day 60.0 %", alerts[1].Message);
    }

    [Fact]
    public void A_source_silent_on_a_day_it_usually_sends_raises_an_alert()
    {
        var alerts = AlertRules.Evaluate(Day, [.. Week("televoips", 30, 20, 0m), Row("televoips", 0, 0, 0, 0m)], [], new AlertsOptions());

        var alert = Assert.Single(alerts);
        Assert.Equal((Alert.SilentSource, "televoips"), (alert.Rule, alert.Source));
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        List<CallsHistoryRow> history = [.. Week("callr", 200, 120, 10m), Row("callr", 0, 200, 110, 14m)];

        Assert.Empty(AlertRules.Evaluate(Day, history, [], new AlertsOptions()));
        Assert.Equal(2, AlertRules.Evaluate(Day, history, [], new AlertsOptions { SpendSpikePercent = 30, AsrDropPoints = 4 }).Count);
    }

    [Fact]
    public void Days_before_a_source_had_any_data_are_not_counted_as_zero_spend()
    {
        // A warehouse two days old (the demo): one trailing day at the same spend is no spike; averaging it over 7 days was.
        List<CallsHistoryRow> history = [Row("callr", 1, 200, 120, 10m), Row("callr", 0, 200, 120, 10m)];
        Assert.Empty(AlertRules.Evaluate(Day, history, [], new AlertsOptions()));

        // A real spike against the days that did have traffic still alerts, with their average.
        history = [Row("callr", 2, 200, 120, 10m), Row("callr", 1, 200, 120, 12m), Row("callr", 0, 200, 120, 30m)];
        var alert = Assert.Single(AlertRules.Evaluate(Day, history, [], new AlertsOptions()));
        Assert.Equal("callr: EUR spend 30.00 on 2026-11-20 is 173 % above its 7-day average of 11.00", alert.Message);
    }

    [Fact]
    public void Trailing_days_with_fewer_than_min_calls_are_no_baseline_for_a_spike()
    {
        List<CallsHistoryRow> history = [Row("callr", 1, 5, 3, 0.5m), Row("callr", 0, 200, 120, 10m)];

        Assert.Empty(AlertRules.Evaluate(Day, history, [], new AlertsOptions()));
    }
}
