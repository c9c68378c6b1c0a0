using Analytics.Landing;

namespace Analytics.Ingest.Tests;

public sealed class SettingsValidationTests
{
    [Fact]
    public void Every_bad_setting_is_one_line_naming_key_value_and_what_is_expected_before_anything_runs()
    {
        var sources = new SourcesOptions
        {
            TeleVoips = new TeleVoipsOptions
            {
                BaseUrl = "api.televoips.com",
                PollInterval = TimeSpan.FromSeconds(-5),
                PollTimeout = TimeSpan.Zero,
                TimeZone = "Mars/Olympus_Mons",
            },
            Telnyx = new TelnyxOptions { Concurrency = 0 },
            Callr = new CallrOptions { Currency = "GBP" },
        };

        var ex = Assert.Throws<IngestSettingsException>(() => new IngestRunner(sources, new LandingOptions()));

        Assert.Equal(
        [
            "Sources:TeleVoips:BaseUrl = 'api.televoips.com': expected an absolute http or https URL",
            "Sources:TeleVoips:PollInterval = -00:00:05: expected a positive duration such as 00:00:30",
            "Sources:TeleVoips:PollTimeout = 00:00:00: expected a positive duration such as 00:00:30",
            "Sources:TeleVoips:TimeZone = 'Mars/Olympus_Mons': expected an IANA time zone such as UTC or America/New_York",
            "Sources:Telnyx:Concurrency = 0: expected a whole number from 1 to 64",
            "Sources:Callr:Currency = 'GBP': expected EUR or USD, the currencies a CALLR account bills in",
        ], ex.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(SourcesValidation.Problems(new SourcesOptions()));
}
