using System.Text.Json;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Json;

namespace Analytics.Reports.Tests.Json;

public sealed class CallrJsonWriterTests
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), "UTC", Granularity.Day);

    [Fact]
    public void Amounts_are_cents_with_four_decimals_and_a_missing_direction_is_a_zero_object()
    {
        var data = new ReportData(Period,
            [new CallsSummaryRow { Source = "ALL", Direction = "IN", Currency = "EUR", Count = 4, Answered = 2, Duration = 100, Debit = 10m, Credit = 0.123456m, UniqueCallers = 3 }],
            [], [], [], [], [], [], []);
        using var json = JsonDocument.Parse(CallrJsonWriter.ToText(data));
        var eur = json.RootElement.GetProperty("Analytics.Calls.Summary").GetProperty("ALL").GetProperty("EUR");
        Assert.Equal("1000.0000", eur.GetProperty("IN").GetProperty("debit").GetString());
        Assert.Equal("12.3456", eur.GetProperty("IN").GetProperty("credit").GetString());
        // CALLR's fields in CALLR's alphabetical order, the spend split (ours) right after debit.
        Assert.Equal(["aloc", "count", "credit", "debit", "debit_billed", "debit_estimated", "duration", "unique_callers"],
            eur.GetProperty("IN").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, eur.GetProperty("OUT").GetProperty("count").GetInt32());
        Assert.Equal("0.0000", eur.GetProperty("OUT").GetProperty("debit").GetString());
        Assert.Equal("0.0000", eur.GetProperty("OUT").GetProperty("debit_estimated").GetString());
    }
}
