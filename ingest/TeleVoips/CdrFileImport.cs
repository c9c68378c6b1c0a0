using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Analytics.Landing;

namespace Analytics.Ingest.TeleVoips;

/// <summary>What <c>analytics land televoips FILE</c> did.</summary>
/// <param name="Day">The landing day: <c>--day</c>, else the UTC day most of the file's calls started on.</param>
/// <param name="Path">The landed file, <c>&lt;landing&gt;/televoips/cdrs/&lt;day&gt;/cdrs_&lt;day&gt;.csv</c>.</param>
/// <param name="Records">Data rows.</param>
/// <param name="Bytes">Bytes landed (decompressed).</param>
/// <param name="AlreadyLanded">True when the same bytes were already the day's file: nothing was written.</param>
public sealed record CdrFileLanding(DateOnly Day, string Path, long Records, long Bytes, bool AlreadyLanded);

/// <summary>
/// Lands a TeleVoIPs CDR export a user downloaded by hand (<c>.csv</c>, or gzip-compressed) exactly as a fetched one: the
/// same folder and file name (<c>cdrs_yyyy-MM-dd.csv</c>, decompressed), a manifest line whose url is the file's
/// <c>file://</c> path, and the <c>_complete</c> marker, so the next load loads it once (loads are keyed by SHA-256).
/// The file is read twice: once to check it is an export (header, rows) and tell its day, then to land it. A day already
/// landed with other bytes is left alone unless <c>force</c>.
/// </summary>
public sealed class CdrFileImport(LandingOptions landing, TimeProvider time)
{
    /// <summary>Columns every FreePBX/TeleVoIPs CDR export has; a file without them is not one.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["calldate", "uniqueid", "src", "dst", "duration", "billsec", "disposition"];

    private const string Source = LandingFeeds.TeleVoips;
    private const string Feed = TeleVoipsClient.Feed;

    public async Task<CdrFileLanding> LandAsync(string file, DateOnly? day, bool force, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(file);
        if (!File.Exists(path))
            throw new IngestException($"{Source}: {file}: no such file");
        var scan = await ScanAsync(path, cancellationToken);
        var landingDay = day ?? scan.Day
            ?? throw new IngestException($"{Source}: {file}: no row has a calldate to tell the day by; give it with --day yyyy-MM-dd");
        var zone = new LandingZone(landing, time);
        var name = $"cdrs_{landingDay:yyyy-MM-dd}.csv";
        if (zone.CompleteDay(Source, Feed, landingDay) is { } landed)
        {
            if (landed.Files.Any(f => string.Equals(f.Sha256, scan.Sha256, StringComparison.Ordinal)))
                return new CdrFileLanding(landingDay, landed.Files.First(f => f.Sha256 == scan.Sha256).Path, scan.Records, scan.Bytes, AlreadyLanded: true);
            if (!force)
            {
                throw new IngestException(string.Create(CultureInfo.InvariantCulture,
                    $"{Source}: {landingDay:yyyy-MM-dd} is already landed with other content ({string.Join(", ", landed.Files.Select(f => f.Entry.File))}); --force replaces it"));
            }
        }

        // From StartDay until CompleteAsync the day has no marker: dying in between leaves it incomplete, never read by a
        // load, and the next land or ingest of that day starts it over.
        var writer = zone.StartDay(Source, Feed, landingDay);
        await using (var payload = writer.Begin(name))
        {
            await using (var input = OpenText(path))
                await input.CopyToAsync(payload.Stream, cancellationToken);
            if (!string.Equals(payload.Sha256, scan.Sha256, StringComparison.Ordinal))
                throw new IngestException($"{Source}: {file} changed while it was being landed; nothing landed");
            await payload.CommitAsync(new Uri(path).AbsoluteUri, scan.Records, cancellationToken);
        }

        var completion = await writer.CompleteAsync(cancellationToken);
        // A hand-landed day needs no export any more: forget one a scheduler may be polling for it.
        await new LandingState(landing).DeleteAsync(Source, Feed, PendingExport.Key(landingDay), cancellationToken);
        return new CdrFileLanding(landingDay, System.IO.Path.Combine(writer.Directory, name), completion.Records, completion.Bytes, AlreadyLanded: false);
    }

    private sealed record Scan(string Sha256, long Bytes, long Records, DateOnly? Day);

    /// <summary>One pass: the decompressed bytes' SHA-256 and length, the header check, the rows and the day most calls started on.</summary>
    private static async Task<Scan> ScanAsync(string path, CancellationToken cancellationToken)
    {
        var name = System.IO.Path.GetFileName(path);
        await using var input = OpenText(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counted = new CountingStream(input, hash);
        using var reader = new StreamReader(counted, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, 1 << 16);
        var records = new CsvRecords(reader);
        var days = new Dictionary<DateOnly, long>();
        long rows = 0;
        try
        {
            var header = records.Next()?.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList() ?? [];
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw new IngestException($"{Source}: {name} line 1: not a TeleVoIPs CDR export: expected a header with {string.Join(", ", RequiredColumns)}, " +
                    $"missing {string.Join(", ", missing)}");
            }

            var (calldate, uniqueid) = (header.IndexOf("calldate"), header.IndexOf("uniqueid"));
            while (records.Next() is { } record)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows++;
                // A malformed row is not the import's business: it lands and becomes a reject, with its line, at load.
                if (record.Fields.Count > Math.Max(calldate, uniqueid) &&
                    CallClock.UtcStart(record.Fields[calldate], record.Fields[uniqueid]) is { } start)
                {
                    var day = DateOnly.FromDateTime(start.UtcDateTime);
                    days[day] = days.GetValueOrDefault(day) + 1;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw new IngestException($"{Source}: {name} line {Math.Max(1, rows)}: not a TeleVoIPs CDR export: the text is not UTF-8");
        }
        catch (InvalidDataException ex)
        {
            throw new IngestException($"{Source}: {name}: not a whole gzip file ({ex.Message})");
        }

        var busiest = days.Count == 0 ? (DateOnly?)null : days.OrderByDescending(d => d.Value).ThenBy(d => d.Key).First().Key;
        return new Scan(Convert.ToHexStringLower(hash.GetHashAndReset()), counted.Length, rows, busiest);
    }

    /// <summary>The file's text: gzip (told by its magic bytes, not its name) is decompressed.</summary>
    private static Stream OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Hashes and counts what is read through it.</summary>
    private sealed class CountingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Position;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            hash.AppendData(buffer[..read]);
            Position += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..read]);
            Position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
