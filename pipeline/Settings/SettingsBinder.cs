using System.Collections;
using System.Reflection;
using Analytics.Ingest;
using Analytics.Landing;
using Analytics.Reports;
using Analytics.Reports.Email;
using Analytics.Reports.Trust;
using Analytics.Warehouse;
using Microsoft.Extensions.Configuration;

namespace Analytics.Pipeline.Settings;

/// <summary>
/// Binds <see cref="AnalyticsSettings"/> and rejects what the binder would silently ignore: a key that no
/// option has, at any depth ("Sources:Telnyx:ApiKy"), is one line naming it and the keys expected there.
/// </summary>
internal static class SettingsBinder
{
    /// <summary>The top-level sections of the configuration contract (design §7) and the record each binds to.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [WarehouseOptions.Section] = typeof(WarehouseOptions),
        [LandingOptions.Section] = typeof(LandingOptions),
        [ReportsOptions.Section] = typeof(ReportsOptions),
        [SourcesOptions.Section] = typeof(SourcesOptions),
        [RatesOptions.Section] = typeof(RatesOptions),
        [EmailOptions.Section] = typeof(EmailOptions),
        [JobsOptions.Section] = typeof(JobsOptions),
        [AlertsOptions.Section] = typeof(AlertsOptions),
        [ReconcileOptions.Section] = typeof(ReconcileOptions),
        // Microsoft.Extensions.Logging's own section: its keys are category names, free by design.
        ["Logging"] = typeof(object),
    };

    public static AnalyticsSettings Bind(IConfiguration configuration)
    {
        RejectUnknownKeys(configuration);
        var reports = Section<ReportsOptions>(configuration, ReportsOptions.Section);
        var jobs = Section<JobsOptions>(configuration, JobsOptions.Section);
        var settings = new AnalyticsSettings(
            Section<WarehouseOptions>(configuration, WarehouseOptions.Section),
            Section<LandingOptions>(configuration, LandingOptions.Section),
            reports,
            Section<SourcesOptions>(configuration, SourcesOptions.Section),
            Section<RatesOptions>(configuration, RatesOptions.Section),
            Section<EmailOptions>(configuration, EmailOptions.Section),
            jobs,
            Section<AlertsOptions>(configuration, AlertsOptions.Section),
            Zone(reports.TimeZone),
            Section<ReconcileOptions>(configuration, ReconcileOptions.Section));
        Validate(settings);
        return settings;
    }

    /// <summary>Binds one section (for commands that need one); unknown keys anywhere are rejected first.</summary>
    public static T Section<T>(IConfiguration configuration, string section) where T : new()
    {
        RejectUnknownKeys(configuration);
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's conversion message names the path and the value: "Failed to convert configuration value 'x' at 'Jobs:RetryDelay' to type 'System.TimeSpan'."
            throw new SettingsException($"bad configuration: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    public static void RejectUnknownKeys(IConfiguration configuration)
    {
        foreach (var child in configuration.GetChildren())
        {
            if (!Sections.TryGetValue(child.Key, out var type))
                throw Unknown(child.Path, Sections.Keys);
            if (type != typeof(object))
                Check(child, type);
        }
    }

    private static void Check(IConfigurationSection section, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = section.GetChildren().ToList();
        if (IsScalar(type))
        {
            if (children.Count > 0)
                throw new SettingsException($"configuration key '{section.Path}' is a value, but has sub-keys ('{children[0].Path}')");
            return;
        }

        if (type.IsGenericType && type.GetGenericArguments() is [_, var dictionaryValue] && typeof(IEnumerable).IsAssignableFrom(type))
        {
            foreach (var child in children)
                Check(child, dictionaryValue);
            return;
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type))
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, out _))
                    throw new SettingsException($"configuration key '{child.Path}': '{section.Path}' is a list, so its keys are 0, 1, 2…");
                Check(child, element);
            }

            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in children)
        {
            if (!properties.TryGetValue(child.Key, out var property))
                throw Unknown(child.Path, properties.Keys);
            Check(child, property.PropertyType);
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(Uri);

    private static SettingsException Unknown(string path, IEnumerable<string> expected) =>
        new($"unknown configuration key '{path}'; expected one of {string.Join(", ", expected.Order(StringComparer.Ordinal))}");

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new SettingsException($"Reports:TimeZone: unknown time zone '{id}' (expected an IANA id such as Europe/Paris)", ex);
        }
    }

    private static void Validate(AnalyticsSettings settings)
    {
        var jobs = settings.Jobs;
        if (jobs.RetryAttempts < 1)
            throw new SettingsException($"Jobs:RetryAttempts: expected 1 or more, got {jobs.RetryAttempts}");
        if (jobs.RetryDelay <= TimeSpan.Zero || jobs.RetryMaxDelay < jobs.RetryDelay)
            throw new SettingsException($"Jobs:RetryDelay / RetryMaxDelay: expected 0 < RetryDelay <= RetryMaxDelay, got {jobs.RetryDelay} / {jobs.RetryMaxDelay}");
        if (jobs.Concurrency < 1)
            throw new SettingsException($"Jobs:Concurrency: expected 1 or more, got {jobs.Concurrency}");
        foreach (var source in settings.ScheduledSources)
        {
            if (!IngestRunner.SourceNames.Contains(source))
                throw new SettingsException($"Jobs:Sources: unknown source '{source}'; valid: {string.Join(", ", IngestRunner.SourceNames)}");
        }

        foreach (var name in jobs.Schedule.Keys)
        {
            if (name is not ("pipeline" or "report"))
                throw new SettingsException($"Jobs:Schedule:{name}: unknown job; expected 'pipeline' or 'report'");
        }

        _ = NodeRoles.Parse(jobs.Roles);
        try
        {
            // The runner checks every Sources:* setting when it is built: here, once, at start.
            _ = new IngestRunner(settings.Sources, settings.Landing);
        }
        catch (IngestSettingsException ex)
        {
            throw new SettingsException(ex.Message, ex);
        }

        if (settings.Reconcile.Tolerance is < 0 or >= 100)
            throw new SettingsException($"Reconcile:Tolerance: expected a percentage from 0 to under 100 (0.5 means 0.5 %), got {settings.Reconcile.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        if (settings.Rates.Path is { } rates && !File.Exists(rates))
            throw new SettingsException($"Rates:Path {Path.GetFullPath(rates)} does not exist (expected a CSV of prefix,rate_per_minute,currency,increment_s)");
    }
}
