using Analytics.Reports.Aggregates;
using Analytics.Reports.Tables;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Tests.Trust;

/// <summary>Each kind of alert says what its figure is compared with: the HTML table reads it, the CSV keeps the rule's key and bare numbers.</summary>
public sealed class AlertKindsTests
{
    private static readonly DateOnly Day = new(2026, 12, 5);

    [Fact]
    public void The_alerts_table_labels_each_baseline_by_its_kind_and_keeps_keys_and_numbers_in_the_csv()
    {
        Alert[] alerts =
        [
            new(Day, "telnyx", "USD", Alert.SpendSpike, 1800m, 1000.5m, "spike"),
            new(Day, "callr", "EUR", Alert.AsrDrop, 0.52m, 0.674m, "drop"),
            new(Day, "telgorithm", null, Alert.SilentSource, 0, 6, "silent"),
            new(Day, "callr", "EUR", ReconciliationAlerts.Rule, 1234.5m, 1250m, "mismatch"),
        ];
        var data = new ReportData(new ReportPeriod(Day, Day, "UTC", Granularity.Day), [], [], [], [], [], [], [], []) { Alerts = alerts };

        var (header, rows) = ReportTables.Alerts.Html(data);
        var csv = ReportTables.Alerts.CsvRows(data).ToList();

        Assert.Equal(["Day", "Source", "Currency", "Rule", "Value", "Compared with", "What happened"], header.Select(h => h.Label));
        Assert.Equal(["Spend spike", "1,800.00", "1,000.50 (7-day average)"], rows[0].Skip(3).Take(3));
        Assert.Equal(["ASR drop", "52.0 %", "67.4 % (7-day ASR)"], rows[1].Skip(3).Take(3));
        Assert.Equal(["No traffic", "0", "6 of 7 days with traffic"], rows[2].Skip(3).Take(3));
        Assert.Equal(["Provider total differs", "1,234.50", "1,250.00 (provider's own total)"], rows[3].Skip(3).Take(3));
        Assert.Equal([ReconciliationAlerts.Rule, "1234.50", "1250.00"], csv[3].Skip(3).Take(3));
    }

    [Fact]
    public void Comparison_metrics_read_as_words_in_html_and_stay_keys_in_csv()
    {
        var data = new ReportData(new ReportPeriod(Day, Day, "UTC", Granularity.Day), [], [], [], [], [], [], [], [])
        {
            Comparison = [new ComparisonRow("ALL", Comparisons.Unpriced, null, 5, 3, null)],
        };

        Assert.Equal("Unpriced calls", ReportTables.Comparison.Html(data).Rows[0][1]);
        Assert.Equal("unpriced_calls", ReportTables.Comparison.CsvRows(data).Single()[1]);
    }
}
