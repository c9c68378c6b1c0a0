using Analytics.Jobs.Cli;
using Analytics.Reports;
using Analytics.Reports.Trust;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.Cli;

/// <summary><c>analytics status</c> lists the alerts of the latest daily report, one line each (issue #21 item 4).</summary>
public sealed class StatusAlertsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Status_lists_the_alerts_of_the_latest_daily_report_one_line_each()
    {
        var day = new DateOnly(2026, 12, 5);
        WriteReport(day.AddDays(-1), day.AddDays(-1), [Alert(day.AddDays(-1), "telnyx: an older alert")]);
        WriteReport(day.AddDays(-13), day, [Alert(day, "callr: the two-week report's alert")]);
        WriteReport(day, day, [Alert(day, "telnyx: USD spend 180.00 on 5 Dec is 250 % above its 7-day average of 51.00"),
            Alert(day, "callr: no calls or SMS on 5 Dec, though it sent traffic on 7 of the 7 days before")], partial: true);
        Directory.CreateDirectory(Path.Combine(_directory.File("reports"), $"{day:yyyy-MM-dd}_{day:yyyy-MM-dd}_hour"));

        var text = await StatusAsync();

        Assert.Equal(
            "alerts (report 2026-12-05, PARTIAL): 2\n" +
            "  telnyx: USD spend 180.00 on 5 Dec is 250 % above its 7-day average of 51.00\n" +
            "  callr: no calls or SMS on 5 Dec, though it sent traffic on 7 of the 7 days before\n",
            text);
    }

    [Fact]
    public async Task Status_says_none_without_alerts_and_where_it_looked_without_a_report()
    {
        var empty = await StatusAsync();
        WriteReport(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), []);
        var quiet = await StatusAsync();

        Assert.Equal($"alerts: no report written yet in {_directory.File("reports")} (Reports:Output)\n", empty);
        Assert.Equal("alerts (report 2026-12-05): none\n", quiet);
    }

    public void Dispose() => _directory.Dispose();

    private static Alert Alert(DateOnly day, string message) => new(day, message.Split(':')[0], null, Analytics.Reports.Trust.Alert.SilentSource, 0, 0, message);

    private void WriteReport(DateOnly from, DateOnly to, IReadOnlyList<Alert> alerts, bool partial = false)
    {
        var folder = Path.Combine(_directory.File("reports"), $"{from:yyyy-MM-dd}_{to:yyyy-MM-dd}");
        Directory.CreateDirectory(folder);
        var headline = new ReportHeadline(10, 5, 5, 6, 0.6m, 60, 0, 0, new Dictionary<string, decimal>(), 0, 0, new Dictionary<string, decimal>(),
            new SortedDictionary<string, decimal>(StringComparer.Ordinal));
        SourceCoverage[] coverage = partial ? [SourceCoverage.Failed("callr", "credentials rejected (HTTP 401)")] : [SourceCoverage.Included("callr")];
        var digest = new ReportDigest(from, to, "day", "UTC", DateTimeOffset.UnixEpoch, headline, [], coverage, alerts, [], [], []);
        File.WriteAllText(Path.Combine(folder, ReportDigest.FileName), digest.ToJson());
    }

    private async Task<string> StatusAsync()
    {
        using var output = new StringWriter { NewLine = "\n" };
        await StatusAlerts.WriteAsync(_directory.File("reports"), output, CancellationToken.None);
        return output.ToString();
    }
}
