using Analytics.Pipeline.Settings;
using Microsoft.Extensions.Configuration;

namespace Analytics.Jobs.Configuration;

/// <summary>
/// Builds the configuration in the contract's order: <c>appsettings.json</c> beside the executable,
/// then <c>analytics.json</c> in the working directory (or <c>--config FILE</c>), then <c>ANALYTICS__*</c>
/// environment variables, then in-memory overrides (demo and tests point sources at the sandbox).
/// </summary>
internal static class AppConfiguration
{
    public static IConfigurationRoot Build(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);

        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
                throw new CliException($"configuration file not found: {full}");
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "analytics.json"), optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(prefix: "ANALYTICS__");
        if (overrides is not null)
            builder.AddInMemoryCollection(overrides);
        var configuration = builder.Build();
        SettingsBinder.RejectUnknownKeys(configuration);
        return configuration;
    }

    /// <summary>Every setting, bound and validated once: a bad key or value is one line naming it.</summary>
    public static AnalyticsSettings Settings(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null) =>
        SettingsBinder.Bind(Build(configFile, overrides));

    /// <summary>Binds one section (for the commands that need only one); unknown keys anywhere are an error.</summary>
    public static T Bind<T>(this IConfiguration configuration, string section) where T : new() =>
        SettingsBinder.Section<T>(configuration, section);
}
