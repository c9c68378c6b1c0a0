using System.Buffers;

namespace Analytics.Ingest.TeleVoips;

/// <summary>
/// Checks, in one streaming pass over the bytes, that a CSV export is whole: quotes balanced, every row has as many
/// fields as the header. A body cut mid-row or mid-field fails here even when the transport did not notice.
/// Returns the number of data rows.
/// </summary>
internal static class CsvShapeValidator
{
    public static async Task<long> CountRowsAsync(Stream stream, string what, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var state = new State();
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
                state.Feed(buffer.AsSpan(0, read), what);
            state.End(what);
            return Math.Max(0, state.Rows - 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class State
    {
        private bool _inQuotes;
        private int _fields = 1;
        private bool _rowHasContent;
        private int _headerFields = -1;

        public long Rows { get; private set; }

        public void Feed(ReadOnlySpan<byte> data, string what)
        {
            foreach (var b in data)
            {
                if (b == (byte)'"')
                {
                    // A doubled quote inside a quoted field toggles twice: net effect nothing, as it should.
                    _inQuotes = !_inQuotes;
                    _rowHasContent = true;
                }
                else if (_inQuotes)
                {
                    continue;
                }
                else if (b == (byte)',')
                {
                    _fields++;
                    _rowHasContent = true;
                }
                else if (b == (byte)'\n')
                {
                    EndRow(what);
                }
                else if (b != (byte)'\r')
                {
                    _rowHasContent = true;
                }
            }
        }

        public void End(string what)
        {
            if (_inQuotes)
                throw new InvalidDataException($"{what}: CSV ends inside a quoted field after {Rows} rows (truncated)");
            EndRow(what);
            if (Rows == 0)
                throw new InvalidDataException($"{what}: CSV is empty (expected at least a header row)");
        }

        private void EndRow(string what)
        {
            if (_rowHasContent)
            {
                Rows++;
                if (_headerFields < 0)
                    _headerFields = _fields;
                else if (_fields != _headerFields)
                    throw new InvalidDataException($"{what}: CSV line {Rows} has {_fields} fields, header has {_headerFields} (truncated or malformed)");
            }

            _fields = 1;
            _rowHasContent = false;
        }
    }
}
