using System.Buffers;
using System.Globalization;
using System.Text;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>A record whose physical line is not <c>ordinal + 1</c> plus the shift before it (blank lines, quoted newlines).</summary>
internal readonly record struct LineShift(long Ordinal, long Shift);

/// <summary>What staging one CSV file found: its header, how many records it holds, and where lines shift.</summary>
internal sealed record CsvStaged(IReadOnlyList<string> Header, long Records, IReadOnlyList<LineShift> Shifts);

/// <summary>
/// Copies a landed CSV into the staging file DuckDB reads, in one streaming pass that also checks it: valid UTF-8
/// and a header naming the required columns. Each record gets its record number as a new first field, so DuckDB can
/// read the file in parallel, in any order, and the raw rows still carry their ordinal (a window function over the
/// read would serialise it). Lines are kept as they are, so DuckDB's own reject line numbers stay those of the landed file.
/// </summary>
internal static class CsvStager
{
    /// <summary>Name of the staged first column.</summary>
    public const string OrdinalColumn = "an_ordinal";

    private const int BufferSize = 1 << 20;
    private static readonly SearchValues<byte> QuoteOrNewline = SearchValues.Create("\"\n"u8);

    /// <exception cref="StagingProblemException">The file is not valid UTF-8 or has no usable header.</exception>
    public static async Task<CsvStaged> StageAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var state = new Scan(output);
            var utf8 = new Utf8Validation();
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                if (utf8.Feed(buffer.AsSpan(0, read)) is { } bad)
                    throw new StagingProblemException($"is not valid UTF-8 (bad byte near offset {bad})");
                state.Feed(buffer.AsSpan(0, read));
                await state.FlushAsync(cancellationToken);
            }

            if (utf8.Finish() is { } end)
                throw new StagingProblemException($"is not valid UTF-8 (the file ends inside a character, offset {end})");
            state.Finish();
            await state.FlushAsync(cancellationToken);
            return new CsvStaged(state.Header(), state.Ordinal, state.Shifts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The header's column names, lower-cased, or the problem with it.</summary>
    private static List<string> HeaderNames(string line)
    {
        if (line.Length == 0)
            throw new StagingProblemException("has no header row (expected a CSV header naming the FreePBX cdr columns)");
        var names = line.Split(',').Select(n => n.Trim().Trim('"').Trim()).ToList();
        var missing = Mapping.FeedMapping.RequiredCsvColumns.Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            throw new StagingProblemException($"has no header with the required columns: missing {string.Join(", ", missing)} " +
                                              $"(expected a header row with {string.Join(", ", Mapping.FeedMapping.RequiredCsvColumns)})");
        }

        return names.Select(n => n.ToLowerInvariant()).ToList();
    }

    /// <summary>The scanner's state between buffers: quotes, line numbers, and the bytes waiting to be written.</summary>
    private sealed class Scan(Stream output)
    {
        private readonly ArrayBufferWriter<byte> _pending = new(BufferSize + 4096);
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
            while (!data.IsEmpty)
            {
                if (_inHeader)
                {
                    data = FeedHeader(data);
                    continue;
                }

                if (_atRecordStart)
                {
                    data = StartRecord(data);
                    continue;
                }

                var next = data.IndexOfAny(QuoteOrNewline);
                if (next < 0)
                {
                    _pending.Write(data);
                    return;
                }

                _pending.Write(data[..(next + 1)]);
                if (data[next] == (byte)'"')
                {
                    _inQuotes = !_inQuotes; // a doubled quote toggles twice: still inside
                }
                else
                {
                    _line++; // inside quotes a newline is data: the record goes on, on the next line
                    _atRecordStart = !_inQuotes;
                }

                data = data[(next + 1)..];
            }
        }

        public void Finish()
        {
            if (_inHeader)
            {
                Header(); // throws: no header line at all
                _pending.Write(Encoding.UTF8.GetBytes(OrdinalColumn + ","));
                _pending.Write(_header.ToArray());
                _pending.Write("\n"u8);
            }

            for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
                _pending.Write("\r"u8);
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await output.WriteAsync(_pending.WrittenMemory, cancellationToken);
            _pending.ResetWrittenCount();
        }

        private ReadOnlySpan<byte> FeedHeader(ReadOnlySpan<byte> data)
        {
            var end = data.IndexOf((byte)'\n');
            var part = end < 0 ? data : data[..end];
            foreach (var b in part)
                _header.Add(b);
            if (end < 0)
                return [];
            Header(); // checks the header before a byte of data is staged
            _pending.Write(Encoding.UTF8.GetBytes(OrdinalColumn + ","));
            _pending.Write(_header.ToArray());
            _pending.Write("\n"u8);
            _inHeader = false;
            _atRecordStart = true;
            _line = 2;
            return data[(end + 1)..];
        }

        // Blank lines (LF or CRLF) stay unnumbered: DuckDB skips them, as it did before staging.
        private ReadOnlySpan<byte> StartRecord(ReadOnlySpan<byte> data)
        {
            var first = data[0];
            if (first == (byte)'\r')
            {
                _pendingCarriageReturns++;
                return data[1..];
            }

            if (first == (byte)'\n')
            {
                for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
                    _pending.Write("\r"u8);
                _pending.Write("\n"u8);
                _line++;
                return data[1..];
            }

            Ordinal++;
            var shift = _line - (Ordinal + 1);
            if (shift != _shift)
            {
                _shifts.Add(new LineShift(Ordinal, shift));
                _shift = shift;
            }

            Span<byte> prefix = stackalloc byte[24];
            Ordinal.TryFormat(prefix, out var written, default, CultureInfo.InvariantCulture);
            prefix[written++] = (byte)',';
            _pending.Write(prefix[..written]);
            for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
                _pending.Write("\r"u8);
            _atRecordStart = false;
            return data;
        }
    }
}

/// <summary>A landed file that cannot load at all; the message completes "&lt;file&gt; …".</summary>
internal sealed class StagingProblemException(string message) : Exception(message);
