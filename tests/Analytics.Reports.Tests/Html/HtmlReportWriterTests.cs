using Analytics.Reports.Aggregates;
using Analytics.Reports.Html;

namespace Analytics.Reports.Tests.Html;

public sealed class HtmlReportWriterTests
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), "UTC", Granularity.Day);

    [Fact]
    public void Every_value_is_html_encoded()
    {
        var data = new ReportData(Period, [], [], [], [],
            [new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = "<script>alert(1)</script> & \"Co\"", Count = 1, Debit = 1m }],
            [], [], []);
        var html = HtmlReportWriter.Render(data, ReportHeadline.From(data), [], [], new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpriced_calls_are_shown_as_such_and_not_as_zero_spend()
    {
        var data = new ReportData(Period,
            [new CallsSummaryRow { Source = "ALL", Direction = "OUT", Currency = null, Count = 3, Unpriced = 3 }], [], [], [], [], [], [], []);
        var html = HtmlReportWriter.Render(data, ReportHeadline.From(data), [], [], DateTimeOffset.UnixEpoch);
        Assert.Contains("spend (nothing priced)", html, StringComparison.Ordinal);
        Assert.Contains("<b>3</b><span>unpriced calls (spend unknown)</span>", html, StringComparison.Ordinal);
    }
}
