using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Analytics.Landing;

public sealed partial class LandingZone
{
    /// <summary>
    /// Every complete day folder (those with <c>_complete</c>), optionally for one source and/or feed, ordered by
    /// source, feed and day; files in manifest order. Incomplete days are skipped: they are still being landed or
    /// were interrupted and will be landed again.
    /// </summary>
    public IEnumerable<LandedDay> CompleteDays(string? source = null, string? feed = null)
    {
        foreach (var sourceDir in Children(Root, source))
        {
            foreach (var feedDir in Children(sourceDir, feed))
            {
                foreach (var dayDir in Children(feedDir, null))
                {
                    if (!DateOnly.TryParseExact(System.IO.Path.GetFileName(dayDir), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        continue;
                    var marker = System.IO.Path.Combine(dayDir, CompleteFileName);
                    if (File.Exists(marker))
                        yield return ReadDay(System.IO.Path.GetFileName(sourceDir), System.IO.Path.GetFileName(feedDir), day, dayDir, marker);
                }
            }
        }
    }

    /// <summary>One day folder if it is complete, else null (still being landed, interrupted, or never fetched).</summary>
    public LandedDay? CompleteDay(string source, string feed, DateOnly day)
    {
        var directory = DayDirectory(source, feed, day);
        var marker = System.IO.Path.Combine(directory, CompleteFileName);
        return File.Exists(marker) ? ReadDay(source, feed, day, directory, marker) : null;
    }

    /// <summary>Recomputes the file's SHA-256 and length; throws <see cref="LandingCorruptException"/> on mismatch.</summary>
    public static async Task VerifyAsync(LandedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var stream = OpenVerified(file);
        await stream.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>
    /// Opens a landed file for reading; reaching its end checks length and SHA-256 against the manifest and throws
    /// <see cref="LandingCorruptException"/> on mismatch (so a reader must read to the end before trusting it).
    /// </summary>
    public static Stream OpenVerified(LandedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(file.Path))
            throw new LandingCorruptException($"landing: {file.Path} is listed in the manifest but missing");
        var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return new VerifyingReadStream(stream, file);
    }

    private static LandedDay ReadDay(string source, string feed, DateOnly day, string dayDir, string marker)
    {
        LandingCompletion completion;
        try
        {
            completion = JsonSerializer.Deserialize<LandingCompletion>(File.ReadAllBytes(marker), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            throw new LandingCorruptException($"landing: {marker} is not a valid completion marker ({ex.Message})");
        }

        var manifest = System.IO.Path.Combine(dayDir, ManifestFileName);
        var files = new List<LandedFile>();
        var lineNumber = 0;
        foreach (var line in File.Exists(manifest) ? File.ReadLines(manifest) : [])
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            ManifestEntry entry;
            try
            {
                entry = JsonSerializer.Deserialize<ManifestEntry>(line, Json) ?? throw new JsonException("null");
            }
            catch (JsonException ex)
            {
                throw new LandingCorruptException($"landing: {manifest} line {lineNumber} is not a manifest entry ({ex.Message})");
            }

            files.Add(new LandedFile(source, feed, day, System.IO.Path.Combine(dayDir, SafeName(entry.File)), entry));
        }

        if (files.Count != completion.Files)
            throw new LandingCorruptException($"landing: {manifest} lists {files.Count} files but {CompleteFileName} says {completion.Files}");
        return new LandedDay(source, feed, day, dayDir, completion, files);
    }

    private static IEnumerable<string> Children(string directory, string? only)
    {
        if (only is not null)
        {
            var path = System.IO.Path.Combine(directory, SafeName(only));
            return Directory.Exists(path) ? [path] : [];
        }

        return Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal)
            : [];
    }

    // Hashing costs as much as the parse that reads the stream: asynchronous reads hand a copy of each block to a
    // worker and hash it there while the reader parses the block (blocks are hashed one at a time, in order).
    private sealed class VerifyingReadStream(FileStream inner, LandedFile file) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Task _hashing = Task.CompletedTask;
        private byte[] _block = [];
        private byte[] _spare = [];
        private long _read;
        private bool _checked;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = inner.Read(buffer);
            _hashing.GetAwaiter().GetResult();
            _hash.AppendData(buffer[..count]);
            return Seen(buffer.Length, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await inner.ReadAsync(buffer, cancellationToken);
            await _hashing;
            if (count > 0)
            {
                (_block, _spare) = (_spare, _block);
                if (_block.Length < count)
                {
                    // Pooled: a load opens thousands of these, each with blocks of up to a megabyte.
                    if (_block.Length > 0)
                        ArrayPool<byte>.Shared.Return(_block);
                    _block = ArrayPool<byte>.Shared.Rent(Math.Max(count, 1 << 16));
                }
                buffer.Span[..count].CopyTo(_block);
                var block = _block;
                _hashing = Task.Run(() => _hash.AppendData(block, 0, count), CancellationToken.None);
            }

            return Seen(buffer.Length, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Seen(int requested, int count)
        {
            _read += count;
            if (count == 0 && requested > 0 && !_checked)
            {
                _checked = true;
                var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
                if (_read != file.Bytes || !string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new LandingCorruptException(
                        $"landing: {file.Path} does not match its manifest (expected {file.Bytes} bytes sha256 {file.Sha256}, found {_read} bytes sha256 {actual})");
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hashing.Wait(CancellationToken.None);
                _hash.Dispose();
                inner.Dispose();
                foreach (var block in new[] { _block, _spare }.Where(b => b.Length > 0))
                    ArrayPool<byte>.Shared.Return(block);
                (_block, _spare) = ([], []);
            }

            base.Dispose(disposing);
        }
    }
}
