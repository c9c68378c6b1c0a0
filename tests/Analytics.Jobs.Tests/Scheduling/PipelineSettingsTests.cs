using Analytics.Ingest;
using Analytics.Jobs.Scheduling;
using Analytics.Reports;

namespace Analytics.Jobs.Tests.Scheduling;

public sealed class PipelineSettingsTests
{
    [Theory]
    [InlineData("2026-11-22T05:00:00Z", "2026-11-21")] // 06:00 in Paris: yesterday is the 21st
    [InlineData("2026-11-21T23:30:00Z", "2026-11-21")] // already 00:30 on the 22nd in Paris
    [InlineData("2026-11-21T22:59:59Z", "2026-11-20")] // still the 21st in Paris
    public void The_day_of_a_run_is_yesterday_in_the_reports_time_zone(string fireUtc, string expected)
    {
        var settings = PipelineSettings.From(new JobsOptions(), new ReportsOptions { TimeZone = "Europe/Paris" }, new SourcesOptions());

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), settings.DayFor(DateTimeOffset.Parse(fireUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Defaults_pull_at_six_and_report_by_seven_for_all_four_sources()
    {
        var settings = PipelineSettings.From(new JobsOptions(), new ReportsOptions(), new SourcesOptions());

        Assert.Equal("0 0 6 * * ?", settings.PipelineCron);
        Assert.Equal("0 0 7 * * ?", settings.ReportCron);
        Assert.Equal(["televoips", "telnyx", "callr", "telgorithm"], settings.Sources);
    }

    [Fact]
    public void A_bad_cron_expression_is_a_one_line_error_naming_the_key()
    {
        var jobs = new JobsOptions { Schedule = new Dictionary<string, string> { ["pipeline"] = "every morning" } };

        var error = Assert.Throws<CliException>(() => PipelineSettings.From(jobs, new ReportsOptions(), new SourcesOptions()));

        Assert.StartsWith("Jobs:Schedule:pipeline: 'every morning' is not a Quartz cron expression", error.Message, StringComparison.Ordinal);
    }
}
