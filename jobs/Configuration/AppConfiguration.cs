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
        RejectUnknownSections(configuration);
        return configuration;
    }

    /// <summary>The top-level sections of the configuration contract (design §7).</summary>
    public static readonly IReadOnlySet<string> KnownSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Warehouse", "Landing", "Reports", "Sources", "Rates", "Email", "Jobs", "Logging",
    };

    // A misspelt section ("Sourcs") would otherwise leave a source silently unconfigured.
    private static void RejectUnknownSections(IConfiguration configuration)
    {
        var unknown = configuration.GetChildren().Select(c => c.Key).Where(k => !KnownSections.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException(
                $"unknown configuration key '{unknown[0]}'; expected one of {string.Join(", ", KnownSections.Order(StringComparer.Ordinal))}");
        }
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
