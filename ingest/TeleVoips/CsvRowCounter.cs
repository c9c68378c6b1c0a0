using System.Buffers;

namespace Analytics.Ingest.TeleVoips;

/// <summary>
/// Counts the data rows of a landed CSV export in one streaming pass (a newline inside quotes does not end a row).
/// It judges nothing about a row's shape: whether the body is whole is the transport's call (Content-Length, the gzip
/// trailer, the chunked terminator, checked by <see cref="Http.ProviderHttp"/>), and a malformed row in a whole file
/// lands and becomes a reject, with its line, at load. Only a body with no header at all is refused.
/// </summary>
internal static class CsvRowCounter
{
    public static async Task<long> CountRowsAsync(Stream stream, string what, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long rows = 0;
            bool inQuotes = false, rowHasContent = false;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'"')
                    {
                        // A doubled quote inside a quoted field toggles twice: net effect nothing, as it should.
                        inQuotes = !inQuotes;
                        rowHasContent = true;
                    }
                    else if (b == (byte)'\n' && !inQuotes)
                    {
                        if (rowHasContent)
                            rows++;
                        rowHasContent = false;
                    }
                    else if (b != (byte)'\r')
                    {
                        rowHasContent = true;
                    }
                }
            }

            if (rowHasContent)
                rows++;
            if (rows == 0)
                throw new InvalidDataException($"{what}: CSV is empty (expected at least a header row)");
            return rows - 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
