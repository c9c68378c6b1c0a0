using Analytics.Reports.Html;
using Analytics.Testing;

namespace Analytics.Reports.Tests.Html;

public sealed class ReportIndexTests
{
    [Fact]
    public void A_days_report_links_to_the_days_around_it_not_to_a_longer_report_or_another_granularity()
    {
        using var output = new TempDirectory("report-index");
        foreach (var name in new[] { "2026-12-03_2026-12-03", "2026-11-22_2026-12-05", "2026-12-04_2026-12-04_hour", "2026-12-06_2026-12-06", "2026-11-01_2026-11-30" })
            Directory.CreateDirectory(output.Combine(name));

        Assert.Equal(("2026-12-03_2026-12-03", "2026-12-06_2026-12-06"), ReportIndex.Neighbours(output.Path, "2026-12-04_2026-12-04"));
        Assert.Equal(("2026-11-01_2026-11-30", null), ReportIndex.Neighbours(output.Path, "2026-11-22_2026-12-05"));
        Assert.Equal((null, null), ReportIndex.Neighbours(output.Path, "2026-12-04_2026-12-04_hour"));
    }
}
