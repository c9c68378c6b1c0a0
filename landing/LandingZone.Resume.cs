using System.Text;
using System.Text.Json;

namespace Analytics.Landing;

public sealed partial class LandingZone
{
    /// <summary>
    /// Continues landing an incomplete day: keeps the payloads its manifest lists whose bytes still match (in manifest
    /// order, up to the first that does not), deletes everything else in the folder, and returns a writer that goes on
    /// after them. A complete day is restarted as by <see cref="StartDay"/> (callers resume only days not yet complete).
    /// </summary>
    /// <param name="keep">Which verified payloads may be resumed from; the first it refuses ends what is kept. Default: all.</param>
    /// <remarks>
    /// Crash guarantees: the kept manifest is rewritten (temp + fsync + rename) before any file is deleted, so dying here
    /// leaves a manifest that lists only files that exist and match; the next resume keeps them again.
    /// </remarks>
    public async Task<LandingDayWriter> ResumeDayAsync(string source, string feed, DateOnly day, Func<ManifestEntry, bool>? keep,
        CancellationToken cancellationToken)
    {
        var directory = DayDirectory(source, feed, day);
        if (!Directory.Exists(directory) || File.Exists(System.IO.Path.Combine(directory, CompleteFileName)))
            return StartDay(source, feed, day);

        var kept = new List<ManifestEntry>();
        var manifest = System.IO.Path.Combine(directory, ManifestFileName);
        foreach (var line in File.Exists(manifest) ? await File.ReadAllLinesAsync(manifest, cancellationToken) : [])
        {
            if (await VerifiedAsync(source, feed, day, directory, line, cancellationToken) is not { } entry || kept.Exists(e => e.File == entry.File)
                || keep?.Invoke(entry) == false)
                break;
            kept.Add(entry);
        }

        var temp = System.IO.Path.Combine(directory, $".{ManifestFileName}.{Guid.NewGuid():N}.tmp");
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            foreach (var entry in kept)
                await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n"), cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, manifest, overwrite: true);
        var files = kept.Select(e => e.File).Append(ManifestFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (!files.Contains(System.IO.Path.GetFileName(file)))
                File.Delete(file);
        }

        return new LandingDayWriter(source, feed, day, directory, _time, kept);
    }

    /// <summary>The manifest line's entry when it parses and its file matches it; null otherwise (torn line, missing or changed file).</summary>
    private static async Task<ManifestEntry?> VerifiedAsync(string source, string feed, DateOnly day, string directory, string line, CancellationToken cancellationToken)
    {
        ManifestEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<ManifestEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (entry is null || entry.File.Length == 0 || entry.File.StartsWith('.') || entry.File.Contains('/', StringComparison.Ordinal))
            return null;
        try
        {
            await VerifyAsync(new LandedFile(source, feed, day, System.IO.Path.Combine(directory, entry.File), entry), cancellationToken);
            return entry;
        }
        catch (LandingCorruptException)
        {
            return null;
        }
    }
}
