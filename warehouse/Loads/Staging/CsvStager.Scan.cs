using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Analytics.Warehouse.Loads.Staging;

internal static partial class CsvStager
{
    /// <summary>
    /// The scanner's state between buffers: quotes, line numbers, and the bytes waiting to be written. The staged
    /// copy is the landed bytes with a record number inserted at each record start, so it is written in runs, one per
    /// record, and the scan only has to find the newlines outside quotes: 64 bytes at a time, as bit masks.
    /// </summary>
    private sealed class Scan(Stream output) : IDisposable
    {
        private readonly StagingBuffer _pending = new(BufferSize + 4096);
        private readonly List<byte> _header = [];
        private readonly List<LineShift> _shifts = [];
        private bool _inHeader = true;
        private bool _inQuotes;
        private bool _atRecordStart;
        private int _pendingCarriageReturns;
        private long _line = 1;
        private long _shift;

        public long Ordinal { get; private set; }

        public IReadOnlyList<LineShift> Shifts => _shifts;

        public List<string> Header() => HeaderNames(Encoding.UTF8.GetString(_header.ToArray()).TrimStart('\uFEFF').TrimEnd('\r'));

        public void Feed(ReadOnlySpan<byte> data)
        {
            if (_inHeader)
            {
                data = FeedHeader(data);
                if (_inHeader)
                    return;
            }

            var position = _atRecordStart ? StartRecord(data) : 0;
            if (!_atRecordStart)
                ScanRecords(data, position);
        }

        public void Finish()
        {
            if (_inHeader)
            {
                Header(); // throws: no header line at all
                WriteHeader();
            }

            WriteCarriageReturns();
        }

        public void Dispose() => _pending.Dispose();

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await output.WriteAsync(_pending.WrittenMemory, cancellationToken);
            _pending.ResetWrittenCount();
        }

        // The header ends at the first newline, quotes or not: a header with a quoted newline names no columns anyway.
        private ReadOnlySpan<byte> FeedHeader(ReadOnlySpan<byte> data)
        {
            var end = data.IndexOf((byte)'\n');
            _header.AddRange(end < 0 ? data : data[..end]);
            if (end < 0)
                return [];
            Header(); // checks the header before a byte of data is staged
            WriteHeader();
            _inHeader = false;
            _atRecordStart = true;
            _line = 2;
            return data[(end + 1)..];
        }

        private void WriteHeader()
        {
            _pending.Write(Encoding.UTF8.GetBytes(OrdinalColumn + ","));
            _pending.Write(_header.ToArray());
            _pending.Write("\n"u8);
        }

        // A read that begins right after a record's newline: blank lines (LF or CRLF) stay unnumbered, as DuckDB
        // skips them, and carriage returns wait for the byte that tells a blank CRLF line from a record's start.
        private int StartRecord(ReadOnlySpan<byte> data)
        {
            for (var position = 0; position < data.Length; position++)
            {
                if (data[position] == (byte)'\r')
                {
                    _pendingCarriageReturns++;
                }
                else if (data[position] == (byte)'\n')
                {
                    WriteCarriageReturns();
                    _pending.Write("\n"u8);
                    _line++;
                }
                else
                {
                    BeginRecord(_line);
                    WriteCarriageReturns();
                    _atRecordStart = false;
                    return position;
                }
            }

            return data.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
        private void ScanRecords(ReadOnlySpan<byte> data, int position)
        {
            var run = position; // the first byte not yet written
            var line = _line; // the line of the byte at position
            var inQuotes = _inQuotes;
            if (ByteBlocks.IsAccelerated)
            {
                ref var first = ref MemoryMarshal.GetReference(data);
                for (; position <= data.Length - ByteBlocks.Size; position += ByteBlocks.Size)
                {
                    Masks(ref Unsafe.Add(ref first, position), out var quotes, out var newlines);
                    // A doubled quote toggles twice: the parity of the quotes so far is all there is to quoting.
                    var quoted = ByteBlocks.PrefixXor(quotes) ^ (inQuotes ? ulong.MaxValue : 0);
                    inQuotes = (long)quoted < 0;
                    for (var ends = newlines & ~quoted; ends != 0; ends &= ends - 1)
                    {
                        var bit = BitOperations.TrailingZeroCount(ends);
                        var next = line + BitOperations.PopCount(newlines & ByteBlocks.Through(bit));
                        if (!RecordAfter(data, position + bit, next, ref run))
                        {
                            _line = next;
                            _inQuotes = false;
                            return;
                        }
                    }

                    line += BitOperations.PopCount(newlines);
                }
            }

            for (; position < data.Length; position++)
            {
                if (data[position] == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (data[position] == (byte)'\n')
                {
                    line++; // inside quotes a newline is data: the record goes on, on the next line
                    if (!inQuotes && !RecordAfter(data, position, line, ref run))
                    {
                        _line = line;
                        _inQuotes = false;
                        return;
                    }
                }
            }

            _pending.Write(data[run..]);
            _line = line;
            _inQuotes = inQuotes;
        }

        // After a newline outside quotes: the next record starts past any carriage returns, unless a newline comes
        // first (a blank line, itself a newline outside quotes). False when the read ends before that is known.
        private bool RecordAfter(ReadOnlySpan<byte> data, int newline, long line, ref int run)
        {
            var next = newline + 1;
            while (next < data.Length && data[next] == (byte)'\r')
                next++;
            if (next < data.Length && data[next] == (byte)'\n')
                return true;

            _pending.Write(data[run..(newline + 1)]);
            run = newline + 1;
            if (next == data.Length)
            {
                _pendingCarriageReturns = next - run;
                _atRecordStart = true;
                return false;
            }

            BeginRecord(line); // the carriage returns, still unwritten, follow the record number
            return true;
        }

        private void BeginRecord(long line)
        {
            Ordinal++;
            var shift = line - (Ordinal + 1);
            if (shift != _shift)
            {
                _shifts.Add(new LineShift(Ordinal, shift));
                _shift = shift;
            }

            var prefix = _pending.GetSpan(24);
            Utf8Formatter.TryFormat(Ordinal, prefix, out var written);
            prefix[written++] = (byte)',';
            _pending.Advance(written);
        }

        private void WriteCarriageReturns()
        {
            for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
                _pending.Write("\r"u8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Masks(ref byte block, out ulong quotes, out ulong newlines)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                var low = Vector256.LoadUnsafe(ref block);
                var high = Vector256.LoadUnsafe(ref block, 32);
                quotes = ByteBlocks.Equal(low, high, (byte)'"');
                newlines = ByteBlocks.Equal(low, high, (byte)'\n');
                return;
            }

            var a = Vector128.LoadUnsafe(ref block);
            var b = Vector128.LoadUnsafe(ref block, 16);
            var c = Vector128.LoadUnsafe(ref block, 32);
            var d = Vector128.LoadUnsafe(ref block, 48);
            quotes = ByteBlocks.Equal(a, b, c, d, (byte)'"');
            newlines = ByteBlocks.Equal(a, b, c, d, (byte)'\n');
        }
    }
}
