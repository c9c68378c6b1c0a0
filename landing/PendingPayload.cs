using System.Security.Cryptography;

namespace Analytics.Landing;

/// <summary>
/// A payload being written to its temp file. Write the body to <see cref="Stream"/> (hashed and counted as it
/// goes), validate it from <see cref="TempPath"/> if needed, then <see cref="CommitAsync"/>. Disposing without
/// a commit deletes the temp file, so a truncated or invalid body never lands.
/// </summary>
public sealed class PendingPayload : IAsyncDisposable
{
    private readonly LandingDayWriter _day;
    private readonly TimeProvider _time;
    private readonly FileStream _file;
    private readonly HashingWriteStream _stream;
    private bool _done;

    internal PendingPayload(LandingDayWriter day, string name, string tempPath, TimeProvider time)
    {
        _day = day;
        _time = time;
        Name = name;
        TempPath = tempPath;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
        _stream = new HashingWriteStream(_file);
    }

    /// <summary>Final file name inside the day folder.</summary>
    public string Name { get; }

    /// <summary>The temp file, readable for validation before commit.</summary>
    public string TempPath { get; }

    /// <summary>Write the payload here; it is hashed on the way through.</summary>
    public Stream Stream => _stream;

    /// <summary>SHA-256 (lower-case hex) of the bytes written so far, e.g. to spot a page identical to the previous one.</summary>
    public string Sha256 => _stream.CurrentHex();

    /// <summary>Bytes written so far.</summary>
    public long Bytes => _stream.Length;

    /// <summary>Flushes what was written and opens the temp file for reading, e.g. to validate the body before commit.</summary>
    public async Task<Stream> OpenReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await _file.FlushAsync(cancellationToken);
        return new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
    }

    /// <summary>
    /// fsyncs the temp file, renames it to its final name and appends the manifest line.
    /// Dying before the rename leaves only a dot-temp file; dying between rename and manifest leaves a file
    /// the manifest does not list, in a day without <c>_complete</c>: either way the day is landed again.
    /// </summary>
    public async Task<ManifestEntry> CommitAsync(string url, long records, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await _file.FlushAsync(cancellationToken);
        _file.Flush(flushToDisk: true);
        var entry = new ManifestEntry(Name, url, _time.GetUtcNow(), _stream.HashHex(), _stream.Length, records);
        await _file.DisposeAsync();
        _done = true;
        File.Move(TempPath, Path.Combine(_day.Directory, Name), overwrite: false);
        await _day.AppendAsync(entry, cancellationToken);
        return entry;
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Dispose();
        if (_done)
            return;
        _done = true;
        await _file.DisposeAsync();
        File.Delete(TempPath);
    }

    private sealed class HashingWriteStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public string CurrentHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _length += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
