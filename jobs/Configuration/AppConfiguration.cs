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
        return builder.Build();
    }

    /// <summary>Binds a section to its options record; unknown keys are an error, so a typo never passes silently.</summary>
    public static T Bind<T>(this IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"bad configuration in section '{section}': {ex.Message}");
        }
    }
}
