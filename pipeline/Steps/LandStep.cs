using Analytics.Ingest;
using Analytics.Ingest.TeleVoips;
using Analytics.Pipeline.Settings;

namespace Analytics.Pipeline.Steps;

/// <summary>
/// Lands a file a user downloaded by hand, as ingest would have landed it; the next load loads it. Only TeleVoIPs
/// exports are files a user can download (the other providers answer API pages).
/// </summary>
internal sealed class LandStep(AnalyticsSettings settings, TimeProvider time)
{
    /// <summary>Sources whose files can be landed by hand.</summary>
    public static readonly IReadOnlyList<string> Sources = [Landing.LandingFeeds.TeleVoips];

    /// <exception cref="IngestException">Not a source that has files, not an export, or a day already landed otherwise.</exception>
    public Task<CdrFileLanding> RunAsync(string source, string file, DateOnly? day, bool force, CancellationToken cancellationToken)
    {
        if (!Sources.Contains(source, StringComparer.OrdinalIgnoreCase))
            throw new IngestException($"land: '{source}' has no files to land by hand; expected {string.Join(", ", Sources)}");
        return new CdrFileImport(settings.Landing, time).LandAsync(file, day, force, cancellationToken);
    }
}
