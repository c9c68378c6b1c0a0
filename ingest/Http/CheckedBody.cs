using System.Buffers.Binary;
using System.IO.Compression;

namespace Analytics.Ingest.Http;

/// <summary>
/// A response body read to its end only if the transport says it is whole: as many bytes as <c>Content-Length</c>
/// declares (a chunked body's missing terminator already fails inside the handler), and for <c>gzip</c> a trailer whose
/// length field matches what was decompressed (zlib checks its CRC). A truncated body throws
/// <see cref="InvalidDataException"/> when its end is reached, so callers that read to the end never take a cut body
/// for a whole one. gzip is decoded here, not by the handler: .NET's decoder ends quietly when the trailer is missing.
/// </summary>
/// <remarks>Only single-member gzip is checked correctly (a multi-member body is refused: its last trailer counts one member).</remarks>
internal static class CheckedBody
{
    public static async Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var raw = new RawBody(await response.Content.ReadAsStreamAsync(cancellationToken), response.Content.Headers.ContentLength);
        return response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase)
            ? new GzipBody(raw)
            : raw;
    }

    /// <summary>The bytes as sent: counted against Content-Length, the last eight kept for the gzip trailer.</summary>
    private sealed class RawBody(Stream inner, long? declared) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private bool _checked;

        public long Total { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, (int)Math.Min(Total, 8));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await inner.ReadAsync(buffer, cancellationToken);
            return Seen(buffer.Span[..count], buffer.Length);
        }

        public override int Read(Span<byte> buffer) => Seen(buffer[..inner.Read(buffer)], buffer.Length);

        private int Seen(ReadOnlySpan<byte> read, int requested)
        {
            if (read.Length >= 8)
            {
                read[^8..].CopyTo(_tail);
            }
            else if (read.Length > 0)
            {
                // Shift the kept bytes left and append: the tail always ends with the last byte read.
                _tail.AsSpan(read.Length).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(8 - read.Length));
            }

            Total += read.Length;
            if (read.Length == 0 && requested > 0 && !_checked)
            {
                _checked = true;
                if (declared is { } expected && expected != Total)
                    throw new InvalidDataException($"the body ended after {Total} of the {expected} bytes its Content-Length declares (truncated)");
            }

            return read.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The decompressed bytes; at their end the raw body is drained and the gzip trailer's length checked.</summary>
    private sealed class GzipBody(RawBody raw) : ReadOnlyStream
    {
        private readonly GZipStream _unzip = new(raw, CompressionMode.Decompress, leaveOpen: true);
        private long _length;
        private bool _checked;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await _unzip.ReadAsync(buffer, cancellationToken);
            _length += count;
            if (count == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                await raw.CopyToAsync(Stream.Null, cancellationToken);
                Check();
            }

            return count;
        }

        public override int Read(Span<byte> buffer)
        {
            var count = _unzip.Read(buffer);
            _length += count;
            if (count == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                raw.CopyTo(Stream.Null);
                Check();
            }

            return count;
        }

        private void Check()
        {
            // 10-byte header + 8-byte trailer at the least; ISIZE is the decompressed length modulo 2^32.
            if (raw.Total < 18 || BinaryPrimitives.ReadUInt32LittleEndian(raw.Tail[4..]) != unchecked((uint)_length))
                throw new InvalidDataException($"the gzip body ended without its trailer after {raw.Total} bytes (truncated)");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _unzip.Dispose();
                raw.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

        public abstract override int Read(Span<byte> buffer);

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
