using Analytics.Reports.Email;
using Analytics.Reports.Trust;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reports.Tests.Email;

/// <summary>The email against a real SMTP server on loopback; the delivered MIME is parsed back by Python's parser.</summary>
public sealed class ReportEmailTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private readonly string _folder = Directory.CreateTempSubdirectory("report-email-").FullName;

    private static ReportHeadline Headline(long calls, long unpriced, long sms = 0) => new(calls, 0, calls, calls / 2, 0.5m, 60, 0, unpriced,
        new Dictionary<string, decimal> { ["EUR"] = 227.48m, ["USD"] = 106.90m }, sms, sms, new Dictionary<string, decimal>(),
        new SortedDictionary<string, decimal>(StringComparer.Ordinal) { ["EUR"] = 227.48m, ["USD"] = 106.90m });

    private ReportEmail Write(ReportHeadline headline, IReadOnlyList<Alert>? alerts = null)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "charts"));
        File.WriteAllBytes(Path.Combine(_folder, "charts", "spend_by_source_eur.png"), [.. Png, 1]);
        File.WriteAllBytes(Path.Combine(_folder, "charts", "asr.png"), [.. Png, 2]);
        File.WriteAllText(Path.Combine(_folder, "calls_summary.csv"), "source,count\nALL,7344\n");
        var digest = new ReportDigest(Day, Day, "day", "UTC", DateTimeOffset.UnixEpoch, headline, [],
            [SourceCoverage.Included("callr"), SourceCoverage.Included("telnyx")], alerts ?? [], [],
            [new ChartFile("charts/spend_by_source_eur.png", "charts/spend_by_source_eur.svg", "Spend per day by source, calls + SMS (EUR)", null),
             new ChartFile("charts/asr.png", "charts/asr.svg", "Answer-seizure ratio (ASR) per day", null)],
            ["calls_summary.csv"]);
        File.WriteAllText(Path.Combine(_folder, ReportDigest.FileName), digest.ToJson());
        return ReportFolder.Read(_folder);
    }

    private static EmailOptions Smtp(int port) => new() { Host = "127.0.0.1", Port = port, From = "analytics@example.com", To = "finance@example.com" };

    [Fact]
    public void Forty_percent_unpriced_calls_are_counted_and_shared_in_subject_and_body()
    {
        var digest = Write(Headline(7344, 2934)).Digest;

        Assert.Equal("Analytics 2026-12-01: 7,344 calls, €227.48 + $106.90 spend, 40 % unpriced", ReportEmailComposer.Subject(digest));
        Assert.Contains("Unpriced calls: 2,934 of 7,344 (40.0 %)", ReportEmailComposer.Text(digest), StringComparison.Ordinal);
        Assert.Contains("2,934 of 7,344 (40.0 %)", ReportEmailComposer.Html(digest, []), StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task The_email_has_message_id_date_text_and_html_inline_charts_in_report_order_and_csvs_attached()
    {
        using var smtp = new SmtpTestServer();
        var alert = new Alert(Day, "callr", "EUR", Alert.SpendSpike, 20, 10, "callr: EUR spend 20.00 on 2026-12-01 is 100 % above its 7-day average of 10.00");
        var report = Write(Headline(7344, 0), [alert]);

        Assert.True(await new SmtpReportSender(Smtp(smtp.Port), NullLogger.Instance, TimeProvider.System).SendAsync(report, CancellationToken.None));

        var message = Assert.Single(smtp.Messages());
        Assert.Equal("Analytics 2026-12-01: 7,344 calls, €227.48 + $106.90 spend — 1 alert: " + alert.Message, message.Subject);
        Assert.Matches("^<.+@example.com>$", message.MessageId);
        Assert.False(string.IsNullOrEmpty(message.Date));
        var text = Assert.Single(message.Parts, p => p.ContentType == "text/plain").Text;
        Assert.StartsWith("Analytics report 2026-12-01\n\nALERTS\n- callr: EUR spend", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var html = Assert.Single(message.Parts, p => p.ContentType == "text/html").Text;
        var images = message.Parts.Where(p => p.ContentType == "image/png").ToList();
        Assert.Equal([1, 2], images.Select(i => (int)i.Bytes[^1]));
        var positions = images.Select(i => html.IndexOf("cid:" + i.ContentId!.Trim('<', '>'), StringComparison.Ordinal)).ToList();
        Assert.True(positions[0] > 0 && positions[0] < positions[1], "charts out of order");
        Assert.True(html.IndexOf("Spend per day by source", StringComparison.Ordinal) < html.IndexOf("Answer-seizure ratio", StringComparison.Ordinal));
        var csv = Assert.Single(message.Parts, p => p.Disposition == "attachment");
        Assert.Equal(("calls_summary.csv", "text/csv", "source,count\nALL,7344\n"), (csv.FileName, csv.ContentType, csv.Text));
    }

    [SmtpFact]
    public async Task An_empty_report_sends_no_email()
    {
        using var smtp = new SmtpTestServer();
        var report = Write(Headline(0, 0));

        Assert.False(await new SmtpReportSender(Smtp(smtp.Port), NullLogger.Instance, TimeProvider.System).SendAsync(report, CancellationToken.None));
        Assert.True(await new SmtpReportSender(Smtp(smtp.Port) with { SkipEmpty = false }, NullLogger.Instance, TimeProvider.System).SendAsync(report, CancellationToken.None));

        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_reported_in_one_line_without_the_password()
    {
        var options = Smtp(TestProcess.FreePort()) with { Username = "reports", Password = "s3cret-pass" };
        var sender = new SmtpReportSender(options, NullLogger.Instance, TimeProvider.System, attempts: 3, firstDelay: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Write(Headline(10, 0)), CancellationToken.None));

        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
