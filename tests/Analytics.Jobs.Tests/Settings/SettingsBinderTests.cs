using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Settings;

namespace Analytics.Jobs.Tests.Settings;

public sealed class SettingsBinderTests
{
    [Theory]
    [InlineData("Sourcs:Telnyx:ApiKey", "unknown configuration key 'Sourcs'; expected one of ")]
    [InlineData("Sources:Telnyx:ApiKy", "unknown configuration key 'Sources:Telnyx:ApiKy'; expected one of ApiKey, BaseUrl, ")]
    [InlineData("Jobs:Dashboard:Pasword", "unknown configuration key 'Jobs:Dashboard:Pasword'; expected one of Password, Url, Username")]
    [InlineData("Jobs:RetryDelays", "unknown configuration key 'Jobs:RetryDelays'; expected one of ")]
    public void A_misspelt_key_at_any_depth_is_one_line_naming_it(string key, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => AppConfiguration.Settings(null, new Dictionary<string, string?> { [key] = "x" }));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("ErrorOnUnknownConfiguration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var error = Assert.Throws<SettingsException>(() => AppConfiguration.Settings(null, new Dictionary<string, string?> { ["Jobs:RetryDelay"] = "soon" }));

        Assert.Contains("'Jobs:RetryDelay'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reports:TimeZone", "Mars/Olympus", "Reports:TimeZone: unknown time zone 'Mars/Olympus'")]
    [InlineData("Jobs:Roles", "loader", "Jobs:Roles: unknown role 'loader'")]
    [InlineData("Jobs:Schedule:nightly", "0 1 * * *", "Jobs:Schedule:nightly: unknown job")]
    [InlineData("Jobs:Sources:0", "skype", "Jobs:Sources: unknown source 'skype'")]
    [InlineData("Reconcile:Tolerance", "-1", "Reconcile:Tolerance: expected a percentage from 0 to under 100 (0.5 means 0.5 %), got -1")]
    [InlineData("Reconcile:Tolerance", "100", "Reconcile:Tolerance: expected a percentage from 0 to under 100")]
    public void Bad_values_are_one_line_naming_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => AppConfiguration.Settings(null, new Dictionary<string, string?> { [key] = value }));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_bind_once_into_one_record_with_yesterday_in_the_reports_time_zone()
    {
        var settings = AppConfiguration.Settings(null, new Dictionary<string, string?> { ["Reports:TimeZone"] = "Europe/Paris" });

        Assert.Equal(["televoips", "telnyx", "callr", "telgorithm"], settings.ScheduledSources);
        Assert.Equal(NodeRole.Ingest | NodeRole.Warehouse, NodeRoles.Parse(settings.Jobs.Roles));
        Assert.Equal("http://127.0.0.1:5081", settings.Jobs.Dashboard.Url);
        Assert.Equal(0.5m, settings.Reconcile.Tolerance);
        // TeleVoIPs starts come from the uniqueid epoch unless a zone is set (issue #22 item 2), and the loader is told so.
        Assert.Equal("auto", settings.Mapping.TeleVoipsTimeZone);
        // 23:30Z on the 21st is already the 22nd in Paris: the day to pull is the 21st.
        Assert.Equal(new DateOnly(2026, 11, 21), settings.Yesterday(new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero)));
    }
}
