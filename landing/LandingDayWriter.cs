using System.Text;
using System.Text.Json;

namespace Analytics.Landing;

/// <summary>
/// Lands the payloads of one source/feed/day: <see cref="Begin"/> a payload, write it, validate it,
/// <see cref="PendingPayload.CommitAsync"/> it; when all are committed, <see cref="CompleteAsync"/>.
/// One writer per day folder: payloads may be begun and written in parallel, but commits are made one at a time, in
/// the order the manifest is to have.
/// </summary>
public sealed class LandingDayWriter
{
    private readonly TimeProvider _time;
    private readonly List<ManifestEntry> _entries;

    internal LandingDayWriter(string source, string feed, DateOnly day, string directory, TimeProvider time, IEnumerable<ManifestEntry>? landed = null)
    {
        _entries = [.. landed ?? []];
        Source = source;
        Feed = feed;
        Day = day;
        Directory = directory;
        _time = time;
    }

    public string Source { get; }

    public string Feed { get; }

    public DateOnly Day { get; }

    public string Directory { get; }

    /// <summary>Manifest entries committed so far (including those kept by a resume), in order; a snapshot.</summary>
    public IReadOnlyList<ManifestEntry> Entries
    {
        get
        {
            lock (_entries)
                return [.. _entries];
        }
    }

    /// <summary>Opens a temp file (dot-prefixed, same folder) that will become <paramref name="name"/> on commit.</summary>
    public PendingPayload Begin(string name)
    {
        LandingZone.SafeName(name);
        bool landed;
        lock (_entries)
            landed = _entries.Exists(e => e.File == name);
        if (landed)
            throw new InvalidOperationException($"landing: {Source}/{Feed}/{Day:yyyy-MM-dd}/{name} is already landed");
        return new PendingPayload(this, name, Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.tmp"), _time);
    }

    internal async Task AppendAsync(ManifestEntry entry, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(entry, LandingZone.Json) + "\n";
        await using (var manifest = new FileStream(Path.Combine(Directory, LandingZone.ManifestFileName), FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            // Not fsynced per line: the manifest only counts once _complete exists, and CompleteAsync fsyncs it first.
            await manifest.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
        }

        lock (_entries)
            _entries.Add(entry);
    }

    /// <summary>
    /// Writes <c>_complete</c> (temp + fsync + rename) with the day's counts. After this returns the day is
    /// visible to loaders and is not fetched again unless forced.
    /// </summary>
    public async Task<LandingCompletion> CompleteAsync(CancellationToken cancellationToken)
    {
        var entries = Entries;
        var completion = new LandingCompletion(Source, Feed, Day, entries.Count,
            entries.Sum(e => e.Records), entries.Sum(e => e.Bytes), _time.GetUtcNow());
        var manifestPath = Path.Combine(Directory, LandingZone.ManifestFileName);
        if (File.Exists(manifestPath))
        {
            await using var manifest = new FileStream(manifestPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            manifest.Flush(flushToDisk: true);
        }

        var temp = Path.Combine(Directory, $".{LandingZone.CompleteFileName}.{Guid.NewGuid():N}.tmp");
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, completion, LandingZone.Json, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        // If the process dies before this rename, the day stays incomplete and is landed again next time.
        File.Move(temp, Path.Combine(Directory, LandingZone.CompleteFileName), overwrite: true);
        return completion;
    }
}
