using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Jobs.Pipeline;
using Analytics.Jobs.Scheduling;
using Analytics.Sandbox;
using Analytics.Testing;
using Microsoft.Extensions.Hosting;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// The scheduler with the product's real steps against the sandbox over HTTP and a real SMTP server: the
/// cron fires, yesterday is ingested, loaded, reported and emailed once, and the numbers are the sandbox's.
/// </summary>
public sealed class ProductScheduleTests : IDisposable
{
    private readonly TestNodes _nodes = new();

    [Fact]
    public async Task The_scheduled_day_runs_end_to_end_once_and_its_email_arrives_with_inline_charts_and_csvs()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 11, Days = 2, VolumeMultiplier = 0.2 }, CancellationToken.None);
        var setup = new DemoSetup(Path.Combine(_nodes.WorkDir, "product"));
        setup.Reset();
        await sandbox.WriteRateDeckAsync(setup.Rates);
        var settings = _nodes.Settings(null, "televoips", "telnyx", "callr", "telgorithm");
        foreach (var (key, value) in setup.Overrides(sandbox))
            settings[key] = value;
        settings["Sources:TeleVoips:PollInterval"] = "00:00:00.200";
        settings["Email:Host"] = "127.0.0.1";
        settings["Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:From"] = "analytics@example.test";
        settings["Email:To"] = "finance@example.test";

        using (var host = ServeHost.Build(AppConfiguration.Build(null, settings), PipelineStepsRegistration.Add))
        {
            await host.StartAsync();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (smtp.Messages().Count == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            // The cron keeps firing every second for the same day: give it the chance to send twice.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await host.StopAsync();
        }

        var mail = Assert.Single(smtp.Messages());
        Assert.Contains(sandbox.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), mail.Subject, StringComparison.Ordinal);
        Assert.Contains(mail.Parts, p => p.ContentType.StartsWith("image/png", StringComparison.Ordinal) && p.ContentId is not null);
        Assert.Contains(mail.Parts, p => p.FileName == "calls_summary.csv");

        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, CancellationToken.None);
        var yesterday = check.Mismatches.Where(m => m.Day == sandbox.LastDay).ToList();
        Assert.True(yesterday.Count == 0, string.Join(Environment.NewLine, yesterday));
        // Only the scheduled day was pulled: the day before it is absent, not half-loaded.
        Assert.Contains(check.Mismatches, m => m.Day == sandbox.FirstDay && m.Figure == "count" && m.Actual == "0");
    }

    public void Dispose() => _nodes.Dispose();
}
