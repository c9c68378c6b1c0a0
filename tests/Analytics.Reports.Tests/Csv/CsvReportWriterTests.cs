using Analytics.Reports.Aggregates;
using Analytics.Reports.Csv;
using Analytics.Reports.Tables;

namespace Analytics.Reports.Tests.Csv;

public sealed class CsvReportWriterTests
{
    [Fact]
    public void Labels_with_commas_and_quotes_are_quoted_and_amounts_have_four_decimals()
    {
        var data = new ReportData(new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), "UTC", Granularity.Day), [], [], [], [],
            [new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = "Foo, \"Bar\"", Count = 2, Answered = 1, Debit = 1.23456m }], [], [], []);
        var table = ReportTables.CallsByDestination;
        var text = CsvReportWriter.ToText(table.Headers, table.CsvRows(data));
        Assert.Equal(
            "source,destination,currency,count,answered,asr,duration,aloc,billed_seconds,billed_minutes,unpriced,debit,credit\n" +
            "ALL,\"Foo, \"\"Bar\"\"\",EUR,2,1,0.5000,0,0,0,0.00,0,1.2346,\n",
            text);
    }
}
