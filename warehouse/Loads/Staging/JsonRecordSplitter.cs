using System.Buffers;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>What splitting one landed JSON payload found: its records, the longest staged line, or why it cannot load.</summary>
internal readonly record struct JsonSplit(long Records, long MaxRecordBytes, string? Problem);

/// <summary>
/// Copies the records of one landed JSON payload (a bare array, or the array in the envelope's member) into a batch's
/// NDJSON staging file, in one streaming pass: each record becomes one line <c>{"_f":F,"_o":N,…}</c>, its file index
/// and 1-based record index put in front of its own members. Newlines between a record's tokens become spaces, so the
/// bytes of every value stay exactly as sent.
/// It checks only what it must to find the records (UTF-8, the envelope, records that are objects, brackets that
/// close): the values inside a record are DuckDB's to parse, and <see cref="LandedFileCheck"/> names the fault when
/// DuckDB cannot.
/// </summary>
internal static class JsonRecordSplitter
{
    private const int BufferSize = 1 << 20;

    /// <param name="envelope">The member holding the record array; null for a bare array.</param>
    public static async Task<JsonSplit> SplitAsync(Stream input, string? envelope, int fileIndex, Stream output, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var scanner = new JsonRecordScanner(envelope, fileIndex);
            var utf8 = new Utf8Validation();
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                if (utf8.Feed(buffer.AsSpan(0, read)) is { } bad)
                    return Failed(scanner, $"not valid UTF-8 (bad byte near offset {bad})");
                if (scanner.Feed(buffer.AsSpan(0, read)) is { } problem)
                    return Failed(scanner, problem);
                await output.WriteAsync(scanner.Output.WrittenMemory, cancellationToken);
                scanner.Output.ResetWrittenCount();
            }

            if (utf8.Finish() is { } end)
                return Failed(scanner, $"not valid UTF-8 (the file ends inside a character, offset {end})");
            if (scanner.Finish() is { } unfinished)
                return Failed(scanner, unfinished);
            await output.WriteAsync(scanner.Output.WrittenMemory, cancellationToken);
            return new JsonSplit(scanner.Records, scanner.MaxRecordBytes, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonSplit Failed(JsonRecordScanner scanner, string problem) => new(scanner.Records, scanner.MaxRecordBytes, problem);
}
