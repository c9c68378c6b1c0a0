using Analytics.Ingest;
using Analytics.Landing;
using Analytics.Reports;
using Analytics.Reports.Email;
using Analytics.Reports.Trust;
using Analytics.Warehouse;
using Analytics.Warehouse.Mapping;

namespace Analytics.Pipeline.Settings;

/// <summary>
/// Every setting of the product, bound and validated once at start (<see cref="SettingsBinder.Bind"/>) and
/// passed down; no step reads configuration itself.
/// </summary>
internal sealed record AnalyticsSettings(
    WarehouseOptions Warehouse,
    LandingOptions Landing,
    ReportsOptions Reports,
    SourcesOptions Sources,
    RatesOptions Rates,
    EmailOptions Email,
    JobsOptions Jobs,
    AlertsOptions Alerts,
    TimeZoneInfo TimeZone,
    ReconcileOptions Reconcile)
{
    /// <summary>The loader's view of the sources: TeleVoIPs' clock, Telgorithm's and CALLR's currencies and the rate deck.</summary>
    public MappingSettings Mapping => new(Sources.TeleVoips.TimeZone, Sources.Telgorithm.Currency, Rates.Path, Sources.Callr.Currency, Sources.TeleVoips.HomeCountry);

    /// <summary>Backoff of transient step failures.</summary>
    public RetryPolicy Retry => RetryPolicy.From(Jobs);

    /// <summary>The sources the scheduler pulls, lower case, each once.</summary>
    public IReadOnlyList<string> ScheduledSources => [.. Jobs.SourcesOrDefault.Select(s => s.Trim().ToLowerInvariant()).Distinct()];

    /// <summary>Whether email is configured (<c>Email:Host</c> set).</summary>
    public bool EmailConfigured => !string.IsNullOrWhiteSpace(Email.Host);

    /// <summary>The day a run started at <paramref name="now"/> is about: yesterday in <c>Reports:TimeZone</c>.</summary>
    public DateOnly Yesterday(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime).AddDays(-1);
}
