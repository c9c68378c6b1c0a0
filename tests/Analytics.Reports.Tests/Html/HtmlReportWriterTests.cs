using Analytics.Reports.Aggregates;
using Analytics.Reports.Html;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Tests.Html;

public sealed class HtmlReportWriterTests
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), "UTC", Granularity.Day);

    private static ReportDigest Digest(ReportData data) => new(Period.From, Period.To, "day", "UTC", DateTimeOffset.UnixEpoch, ReportHeadline.From(data), [],
        data.Coverage, data.Alerts, [], [], []);

    [Fact]
    public void Every_value_is_html_encoded()
    {
        var data = new ReportData(Period, [], [], [], [],
            [new CallsByDestinationRow { Source = "ALL", Currency = "EUR", Destination = "<script>alert(1)</script> & \"Co\"", Count = 1, Debit = 1m }],
            [], [], []);
        var html = HtmlReportWriter.Render(data, Digest(data), [], (null, null));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpriced_calls_are_shown_with_their_share_and_not_as_zero_spend()
    {
        var data = new ReportData(Period,
            [new CallsSummaryRow { Source = "ALL", Direction = "OUT", Currency = null, Count = 3, Unpriced = 3 }], [], [], [], [], [], [], []);
        var html = HtmlReportWriter.Render(data, Digest(data), [], (null, null));
        Assert.Contains("spend (nothing priced)", html, StringComparison.Ordinal);
        Assert.Contains("<b>3 (100.0 %)</b><span>unpriced calls (spend unknown)</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_source_makes_the_page_partial_and_names_it_with_its_cause()
    {
        var data = new ReportData(Period, [], [], [], [], [], [], [], [])
        {
            Coverage = [SourceCoverage.Included("telnyx"), SourceCoverage.Failed("callr", "HTTP 401: bad API key"), SourceCoverage.NotConfigured("televoips")],
        };
        var html = HtmlReportWriter.Render(data, Digest(data), [], (null, null));
        Assert.Contains("<title>PARTIAL Analytics report 2026-11-01</title>", html, StringComparison.Ordinal);
        Assert.Contains("FAILED: callr (HTTP 401: bad API key)", html, StringComparison.Ordinal);
        Assert.Contains("Not configured: televoips", html, StringComparison.Ordinal);
    }
}
