using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.Reports.Aggregates;

/// <summary>The (source, currency) pair inbound calls are counted under; currency is null where calls are unpriced.</summary>
internal readonly record struct CallerGroup(string Source, string? Currency);

/// <summary>
/// One local day's distinct inbound callers per (source, currency), and their file in the day cache: the sorted
/// numbers as raw little-endian 64-bit integers (a day of 100,000 callers is 800 KB, read back as one copy, without
/// DuckDB or decoding: reading them is on every report's path), the text callers as strings.
/// </summary>
internal sealed class DayCallers
{
    private const string Magic = "analytics-day-callers-2";

    public DayCallers(IReadOnlyDictionary<CallerGroup, CallerSet> groups) => Groups = groups;

    public IReadOnlyDictionary<CallerGroup, CallerSet> Groups { get; }

    /// <summary>
    /// Writes the file whole under a temporary name, then renames it: a reader sees the old file, the new one or none.
    /// Synchronous, as <see cref="Read"/>: the numbers go from their arrays to the file as spans.
    /// </summary>
    public void Write(string path)
    {
        var partial = path + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(Groups.Count);
                    foreach (var (group, set) in Groups.OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
                    {
                        writer.Write(group.Source);
                        writer.Write(group.Currency is not null);
                        writer.Write(group.Currency ?? "");
                        writer.Write(set.Keys.Length);
                        writer.Write(BitConverter.IsLittleEndian ? MemoryMarshal.AsBytes(set.Keys.AsSpan()) : throw new PlatformNotSupportedException("the day cache is written little-endian"));

                        writer.Write(set.Texts.Length);
                        foreach (var text in set.Texts)
                            writer.Write(text);
                    }
                }

                stream.Flush(flushToDisk: false);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    /// <summary>Reads a file <see cref="WriteAsync"/> wrote; throws <see cref="InvalidDataException"/> for anything else.</summary>
    /// <remarks>
    /// Synchronous: a local file of a few hundred KB, whose numbers are read straight into their arrays (a span, which
    /// an async read cannot take).
    /// </remarks>
    public static DayCallers Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            // BinaryReader reads no further than each value it is asked for, so the numbers that follow a group's
            // header are read straight from the stream into their array.
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != Magic)
                throw new InvalidDataException($"{path} is not a day-callers file");
            var count = reader.ReadInt32();
            var groups = new Dictionary<CallerGroup, CallerSet>(count);
            for (var g = 0; g < count; g++)
            {
                var source = reader.ReadString();
                var hasCurrency = reader.ReadBoolean();
                var currency = reader.ReadString();
                var length = reader.ReadInt32();
                if (length < 0 || (long)length * sizeof(long) > stream.Length - stream.Position)
                    throw new EndOfStreamException();
                var keys = GC.AllocateUninitializedArray<long>(length);
                stream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));

                var texts = new string[reader.ReadInt32()];
                for (var i = 0; i < texts.Length; i++)
                    texts[i] = reader.ReadString();
                groups[new CallerGroup(source, hasCurrency ? currency : null)] = new CallerSet(keys, texts);
            }

            if (stream.Position != stream.Length)
                throw new InvalidDataException($"{path} has bytes after its last group");
            return new DayCallers(groups);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is cut short", e);
        }
    }
}
