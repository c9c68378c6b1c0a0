using Analytics.Reports.Aggregates;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Tests.Trust;

public sealed class ComparisonsTests
{
    private static CallsSummaryRow Calls(string source, long count, long answered) =>
        new() { Source = source, Direction = "OUT", Currency = "EUR", Count = count, Answered = answered, Duration = answered * 60, Debit = count };

    private static SmsSummaryRow Sms(string source, long count) => new() { Source = source, Direction = "OUT", Currency = "EUR", Count = count, Debit = count };

    [Fact]
    public void A_week_before_the_warehouse_has_no_data_for_is_unknown_not_zero()
    {
        var rows = Comparisons.Build(([Calls("callr", 100, 60)], []), ([Calls("callr", 90, 50)], []), ([], []));

        Assert.All(rows, r => Assert.Null(r.WeekAgo));
        Assert.Equal(90, rows.Single(r => r is { Source: "callr", Metric: Comparisons.Calls }).Previous);
    }

    [Fact]
    public void A_source_without_calls_a_week_before_has_no_asr_or_aloc_then_but_zero_calls()
    {
        var rows = Comparisons.Build(([Calls("callr", 100, 60)], []), ([Calls("callr", 90, 50)], []), ([], [Sms("callr", 5)]));
        var callr = rows.Where(r => r.Source == "callr").ToDictionary(r => r.Metric + r.Currency);

        Assert.Equal(0, callr[Comparisons.Calls].WeekAgo);
        Assert.Null(callr[Comparisons.Asr].WeekAgo);
        Assert.Null(callr[Comparisons.Aloc].WeekAgo);
        Assert.Equal(5, callr[Comparisons.Sms].WeekAgo);
    }

    [Fact]
    public void A_previous_period_the_warehouse_has_no_data_for_is_unknown_with_no_change()
    {
        var rows = Comparisons.Build(([Calls("callr", 100, 60)], [Sms("callr", 3)]), ([], []), null);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Null(r.Previous));
        Assert.All(rows, r => Assert.Null(r.Change));
        Assert.All(rows, r => Assert.Null(r.ChangePercent));
        Assert.Equal(100, rows.Single(r => r is { Source: "callr", Metric: Comparisons.Calls }).Current);
        Assert.Contains(rows, r => r is { Source: "callr", Metric: Comparisons.Spend, Currency: "EUR", Current: 103 });
    }

    [Fact]
    public void A_source_without_calls_in_the_previous_period_has_no_asr_then_but_zero_calls()
    {
        var rows = Comparisons.Build(([Calls("callr", 100, 60)], []), ([], [Sms("callr", 5)]), null);
        var callr = rows.Where(r => r.Source == "callr").ToDictionary(r => r.Metric + r.Currency);

        Assert.Equal(0, callr[Comparisons.Calls].Previous);
        Assert.Equal(100, callr[Comparisons.Calls].Change);
        Assert.Null(callr[Comparisons.Asr].Previous);
        Assert.Null(callr[Comparisons.Asr].Change);
    }

    [Fact]
    public void A_source_without_calls_in_this_period_has_no_asr_or_aloc_and_no_change_in_them()
    {
        var rows = Comparisons.Build(([], [Sms("telgorithm", 2)]), ([Calls("telgorithm", 10, 5)], []), null);
        var telgorithm = rows.Where(r => r.Source == "telgorithm").ToDictionary(r => r.Metric + r.Currency);

        Assert.Equal(0, telgorithm[Comparisons.Calls].Current);
        Assert.Equal(-10, telgorithm[Comparisons.Calls].Change);
        Assert.Null(telgorithm[Comparisons.Asr].Current);
        Assert.Equal(0.5m, telgorithm[Comparisons.Asr].Previous);
        Assert.Null(telgorithm[Comparisons.Asr].Change);
        Assert.Null(telgorithm[Comparisons.Aloc].Current);
    }

    [Fact]
    public void Aloc_of_calls_none_answered_is_unknown_while_their_asr_is_zero()
    {
        var rows = Comparisons.Build(([Calls("televoips", 4, 0)], []), ([Calls("televoips", 4, 2)], []), null);
        var televoips = rows.Where(r => r.Source == "televoips").ToDictionary(r => r.Metric + r.Currency);

        Assert.Equal(0, televoips[Comparisons.Asr].Current);
        Assert.Null(televoips[Comparisons.Aloc].Current);
        Assert.Equal(60, televoips[Comparisons.Aloc].Previous);
    }
}
