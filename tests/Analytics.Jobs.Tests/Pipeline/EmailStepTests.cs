using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Steps;
using Analytics.Reports;
using Analytics.Reports.Email;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Jobs.Tests.Pipeline;

/// <summary>The email step (<c>analytics email</c>, the scheduler's email job) against a real SMTP server on loopback; the delivered MIME is parsed back.</summary>
public sealed class EmailStepTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 21);

    // A valid 1×1 PNG; each chart gets a distinct trailing byte so parts can be told apart.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly string _output = Path.Combine(Path.GetTempPath(), $"analytics-email-{Guid.NewGuid():N}");

    [SmtpFact]
    public async Task Email_sends_the_report_with_inline_chart_pngs_a_text_part_and_the_csvs_attached()
    {
        using var smtp = new SmtpTestServer();
        var folder = WriteReport();

        var result = await Step(Smtp(smtp.Port)).RunAsync(Day, Day, CancellationToken.None);

        var message = Assert.Single(smtp.Messages());
        Assert.Equal("Analytics 2026-11-21: 1,234 calls, €56.78 + $12.34 spend", message.Subject);
        Assert.Contains("finance@example.com", message.To, StringComparison.Ordinal);
        Assert.Equal((StepOutcome.Succeeded, 4), (result.Outcome, result.Files));

        var text = Assert.Single(message.Parts, p => p.ContentType == "text/plain");
        Assert.Contains("Calls: 1,234", text.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        var html = Assert.Single(message.Parts, p => p.ContentType == "text/html").Text;
        var images = message.Parts.Where(p => p.ContentType == "image/png").ToArray();
        Assert.Equal(2, images.Length);
        foreach (var image in images)
        {
            var id = image.ContentId!.Trim('<', '>');
            Assert.Contains($"src=\"cid:{id}\"", html, StringComparison.Ordinal);
            Assert.NotEqual("attachment", image.Disposition);
        }

        // In the report's (finance's) order: the spend chart first.
        Assert.Equal([1, 2], images.Select(i => (int)i.Bytes[^1]));

        var csvs = message.Parts.Where(p => p.Disposition == "attachment").OrderBy(p => p.FileName, StringComparer.Ordinal).ToArray();
        Assert.Equal(["calls_summary.csv", "sms_summary.csv"], csvs.Select(c => c.FileName));
        Assert.All(csvs, c => Assert.Equal("text/csv", c.ContentType));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "calls_summary.csv")), csvs[0].Text);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "sms_summary.csv")), csvs[1].Text);
    }

    [Fact]
    public async Task Email_without_a_report_folder_says_to_run_report_first()
    {
        var result = await Step(Smtp(25)).RunAsync(Day, Day, CancellationToken.None);

        Assert.Equal(StepOutcome.Rejected, result.Outcome);
        Assert.Contains("run 'analytics report --from 2026-11-21 --to 2026-11-21' first", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_smtp_server_is_retried_then_reported_in_one_line_without_the_password()
    {
        var folder = WriteReport();
        var options = Smtp(Analytics.Testing.TestProcess.FreePort()) with { Username = "reports", Password = "s3cret-pass" };
        var sender = new SmtpReportSender(options, NullLogger.Instance, TimeProvider.System, attempts: 3, firstDelay: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(ReportFolder.Read(folder), CancellationToken.None));

        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_email_step_is_skipped_without_a_host_and_rejected_on_bad_configuration()
    {
        WriteReport();

        var skipped = await Step(new EmailOptions()).RunAsync(Day, Day, CancellationToken.None);
        var rejected = await Step(Smtp(25) with { To = "" }).RunAsync(Day, Day, CancellationToken.None);

        Assert.Equal(StepOutcome.Skipped, skipped.Outcome);
        Assert.Equal((StepOutcome.Rejected, "email: Email:To lists no recipient"), (rejected.Outcome, rejected.Cause));
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }

    private EmailStep Step(EmailOptions email)
    {
        var settings = AppConfiguration.Settings(null, new Dictionary<string, string?> { ["Reports:Output"] = _output }) with { Email = email };
        return new EmailStep(settings, NullLoggerFactory.Instance, TimeProvider.System);
    }

    private static EmailOptions Smtp(int port) =>
        new() { Host = "127.0.0.1", Port = port, From = "analytics@example.com", To = "finance@example.com, ops@example.com" };

    private string WriteReport()
    {
        var folder = ReportFolder.PathFor(_output, Day, Day);
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        File.WriteAllText(Path.Combine(folder, "calls_summary.csv"),
            "source,direction,count,aloc,duration,unique_callers,credit,debit,currency\n" +
            "callr,OUT,1000,61,40000,0,0.0000,56.7800,EUR\n" +
            "telnyx,OUT,234,30,7000,0,0.0000,12.3400,USD\n" +
            "ALL,OUT,1000,61,40000,0,0.0000,56.7800,EUR\n" +
            "ALL,OUT,234,30,7000,0,0.0000,12.3400,USD\n");
        File.WriteAllText(Path.Combine(folder, "sms_summary.csv"), "source,direction,count,parts,credit,debit,currency\nALL,OUT,10,12,0.0000,0.0000,EUR\n");
        File.WriteAllBytes(Path.Combine(folder, "charts", "daily_spend.png"), [.. Png, 1]);
        File.WriteAllBytes(Path.Combine(folder, "charts", "calls_by_country.png"), [.. Png, 2]);
        File.WriteAllText(Path.Combine(folder, "charts", "daily_spend.svg"), "<svg/>");
        var headline = new ReportHeadline(1234, 0, 1234, 600, 0.4862m, 61, 0, 0, new Dictionary<string, decimal>(), 10, 12, new Dictionary<string, decimal>(),
            new SortedDictionary<string, decimal>(StringComparer.Ordinal) { ["EUR"] = 56.78m, ["USD"] = 12.34m });
        var digest = new ReportDigest(Day, Day, "day", "UTC", DateTimeOffset.UnixEpoch, headline, [], [], [], [],
            [new ChartFile("charts/daily_spend.png", "charts/daily_spend.svg", "Spend per day", null), new ChartFile("charts/calls_by_country.png", "charts/calls_by_country.svg", "Top countries", null)],
            ["calls_summary.csv", "sms_summary.csv"]);
        File.WriteAllText(Path.Combine(folder, ReportDigest.FileName), digest.ToJson());
        return folder;
    }
}
