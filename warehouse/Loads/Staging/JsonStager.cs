using System.Buffers;
using System.Text.Json;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>What staging one landed JSON payload found: its records, and those set aside as rejects.</summary>
internal sealed record JsonStaged(long Records, IReadOnlyList<SetAsideRecord> SetAside);

/// <summary>
/// Stages one landed JSON payload into a worker's rows in one streaming pass that is also the strict check: valid UTF-8,
/// valid JSON, the envelope the feed promises, records that are objects (<see cref="JsonRecordReader"/>). DuckDB reads
/// the rows as Arrow batches while staging runs, in parallel and within the loader's memory budget (its own JSON
/// reader holds 16 MB buffers per thread, and parses again what staging already parsed).
/// </summary>
internal static class JsonStager
{
    private const int BufferSize = 1 << 20;

    /// <param name="envelope">The member holding the record array; null for a bare array.</param>
    /// <param name="columns">The raw table's provider columns, in table order (one instance per worker).</param>
    /// <exception cref="StagingProblemException">
    /// The payload cannot load; none of its rows are left in <paramref name="output"/> (rows already handed to DuckDB
    /// are the loader's to delete).
    /// </exception>
    public static async Task<JsonStaged> StageAsync(Stream input, string? envelope, RecordColumns columns, int fileIndex,
                                                    StagedRowsWriter output, CancellationToken cancellationToken)
    {
        output.StartFile();
        try
        {
            return await StageCoreAsync(input, new JsonRecordReader(envelope, columns, fileIndex, output.Rows), output, cancellationToken);
        }
        catch (StagingShapeException ex)
        {
            output.DropFile();
            var expected = envelope is null ? "a JSON array of record objects" : $"a JSON object whose \"{envelope}\" member is an array of record objects";
            throw new StagingProblemException($"is not {expected}: {ex.Message}");
        }
        catch
        {
            output.DropFile();
            throw;
        }
    }

    private static async Task<JsonStaged> StageCoreAsync(Stream input, JsonRecordReader records, StagedRowsWriter output, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var utf8 = new Utf8Validation();
            var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            long bufferOffset = 0;
            int filled = 0, start = 0;
            var bomChecked = false;
            while (true)
            {
                // Keep the unread bytes and the record being read; grow only for a record larger than the buffer.
                if (buffer.Length - filled < buffer.Length / 4)
                {
                    var keep = records.RecordStart >= 0 ? (int)Math.Min(records.RecordStart - bufferOffset, start) : start;
                    buffer.AsSpan(keep, filled - keep).CopyTo(buffer);
                    (filled, start, bufferOffset) = (filled - keep, start - keep, bufferOffset + keep);
                    if (buffer.Length - filled < buffer.Length / 4)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }

                var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (utf8.Feed(buffer.AsSpan(filled, read)) is { } bad)
                    throw new StagingProblemException($"is not valid UTF-8 (bad byte near offset {bad})");
                filled += read;
                var final = read == 0;
                if (final && utf8.Finish() is { } end)
                    throw new StagingProblemException($"is not valid UTF-8 (the file ends inside a character, offset {end})");
                if (!bomChecked)
                {
                    if (filled < 3 && !final)
                        continue;
                    bomChecked = true;
                    if (buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8))
                        start = 3; // a byte order mark: not JSON, and not part of any value
                }

                // An empty document is the reader's to report, not Utf8JsonReader's (it would say "no JSON tokens").
                if (records.Started || !buffer.AsSpan(start, filled - start).Trim(" \t\r\n"u8).IsEmpty)
                    start += records.Feed(buffer.AsSpan(0, filled), bufferOffset, start, final, ref state);
                output.PublishIfFull(cancellationToken);
                if (final)
                    break;
            }

            if (records.Finish() is { } missing)
                throw new StagingShapeException(missing);
            return new JsonStaged(records.Records, records.SetAside);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
