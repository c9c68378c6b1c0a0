using System.Globalization;
using System.Text.Json;

namespace Analytics.Landing;

/// <summary>
/// The landing zone: <c>&lt;Landing:Path&gt;/&lt;source&gt;/&lt;feed&gt;/&lt;yyyy-MM-dd&gt;/&lt;name&gt;</c>, one
/// <c>manifest.jsonl</c> per day folder and a <c>_complete</c> marker written last. Ingest writes through
/// <see cref="StartDay"/>; loaders read through <see cref="CompleteDays"/> and verify with
/// <see cref="VerifyAsync"/> or <see cref="OpenVerified"/>.
/// </summary>
/// <remarks>
/// Crash guarantees: a payload file appears under its final name only after its bytes are fsynced
/// (temp name + atomic rename); its manifest line is appended after the rename; <c>_complete</c> is written
/// (temp + rename) only after every manifest line. A day without <c>_complete</c> is never read by loaders and
/// is wiped and fetched again by the next ingest. Temp files start with a dot and are ignored.
/// </remarks>
public sealed partial class LandingZone
{
    public const string ManifestFileName = "manifest.jsonl";
    public const string CompleteFileName = "_complete";
    internal const string DayFormat = "yyyy-MM-dd";

    private readonly TimeProvider _time;

    public LandingZone(LandingOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = System.IO.Path.GetFullPath(options.Path);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Absolute root folder.</summary>
    public string Root { get; }

    internal static JsonSerializerOptions Json => LandingJsonContext.Default.Options;

    /// <summary>The folder of one source, feed and day (it may not exist).</summary>
    public string DayDirectory(string source, string feed, DateOnly day) =>
        System.IO.Path.Combine(Root, SafeName(source), SafeName(feed), day.ToString(DayFormat, CultureInfo.InvariantCulture));

    /// <summary>True when the day's <c>_complete</c> marker exists: everything is landed, nothing to fetch.</summary>
    public bool IsComplete(string source, string feed, DateOnly day) =>
        File.Exists(System.IO.Path.Combine(DayDirectory(source, feed, day), CompleteFileName));

    /// <summary>
    /// Starts (or restarts) landing a day: removes the marker first, then any earlier partial or complete
    /// landing of that day, so the folder ends up holding exactly one attempt.
    /// </summary>
    public LandingDayWriter StartDay(string source, string feed, DateOnly day)
    {
        var directory = DayDirectory(source, feed, day);
        // Marker first: if the process dies while deleting, the day is incomplete, never half-complete.
        if (Directory.Exists(directory))
        {
            File.Delete(System.IO.Path.Combine(directory, CompleteFileName));
            foreach (var file in Directory.EnumerateFiles(directory))
                File.Delete(file);
        }

        Directory.CreateDirectory(directory);
        return new LandingDayWriter(source, feed, day, directory, _time);
    }

    /// <summary>Rejects names that would escape their folder (path separators, dots-only, empty).</summary>
    internal static string SafeName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ||
            name.StartsWith('.') || name == CompleteFileName || name == ManifestFileName)
            throw new ArgumentException($"landing: '{name}' is not a valid source, feed or file name", nameof(name));
        return name;
    }
}
