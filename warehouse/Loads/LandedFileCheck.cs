using System.Buffers;
using System.Text;
using System.Text.Json;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>The verdict on a landed file's structure; <see cref="Problem"/> is null when it may load.</summary>
internal sealed record FileVerdict(string? Problem, IReadOnlyList<string> Header)
{
    public static FileVerdict Fine(IReadOnlyList<string>? header = null) => new(null, header ?? []);

    public static FileVerdict Bad(string problem) => new(problem, []);
}

/// <summary>
/// Reads a landed file once, streaming: checks its bytes against the manifest (SHA-256 and length), that it is
/// valid UTF-8, and that its structure is what the feed promises (CSV header with the required columns; JSON of
/// the expected envelope whose records are objects). DuckDB then reads the file knowing it is well-formed, so
/// a file is either loaded (minus rejected rows) or rejected whole; nothing in between.
/// </summary>
internal static class LandedFileCheck
{
    private const int BufferSize = 1 << 16;

    /// <exception cref="LandingCorruptException">The bytes do not match the manifest (not a structure problem: re-land it).</exception>
    public static async Task<FileVerdict> CheckAsync(LandedFile file, FeedMapping mapping, CancellationToken cancellationToken)
    {
        await using var stream = LandingZone.OpenVerified(file);
        var verdict = mapping.Shape == PayloadShape.Csv
            ? await CheckCsvAsync(stream, cancellationToken)
            : await CheckJsonAsync(stream, mapping, cancellationToken);
        // Drain to the end so the manifest check runs even when the verdict came early.
        await stream.CopyToAsync(Stream.Null, cancellationToken);
        return verdict;
    }

    private static async Task<FileVerdict> CheckCsvAsync(Stream stream, CancellationToken cancellationToken)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
        var chars = ArrayPool<char>.Shared.Rent(BufferSize + 4);
        var header = new StringBuilder();
        var headerDone = false;
        long offset = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(bytes.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                int count;
                try
                {
                    count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException ex)
                {
                    return FileVerdict.Bad($"is not valid UTF-8 (bad byte near offset {offset + Math.Max(ex.Index, 0)})");
                }

                offset += read;
                if (!headerDone)
                {
                    var end = Array.IndexOf(chars, '\n', 0, count);
                    header.Append(chars, 0, end < 0 ? count : end);
                    headerDone = end >= 0;
                }
            }

            return HeaderVerdict(header.ToString().TrimStart('\uFEFF').TrimEnd('\r'));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static FileVerdict HeaderVerdict(string line)
    {
        if (line.Length == 0)
            return FileVerdict.Bad("has no header row (expected a CSV header naming the FreePBX cdr columns)");
        var names = line.Split(',').Select(n => n.Trim().Trim('"').Trim()).ToList();
        var missing = FeedMapping.RequiredCsvColumns.Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return FileVerdict.Bad($"has no header with the required columns: missing {string.Join(", ", missing)} " +
                                   $"(expected a header row with {string.Join(", ", FeedMapping.RequiredCsvColumns)})");
        }

        return FileVerdict.Fine(names.Select(n => n.ToLowerInvariant()).ToList());
    }

    private static async Task<FileVerdict> CheckJsonAsync(Stream stream, FeedMapping mapping, CancellationToken cancellationToken)
    {
        var expected = mapping.Shape == PayloadShape.JsonArray
            ? "a JSON array of record objects"
            : $"a JSON object whose \"{mapping.Envelope}\" member is an array of record objects";
        var shape = new JsonShape(mapping.Shape == PayloadShape.JsonArray ? null : mapping.Envelope);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var kept = 0;
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var scratch = ArrayPool<char>.Shared.Rent(BufferSize + 2);
        long offset = 0;
        try
        {
            while (true)
            {
                if (kept == buffer.Length)
                {
                    // One token longer than the buffer (a huge string): grow, keeping what is unread.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, kept).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(kept), cancellationToken);
                var final = read == 0;
                try
                {
                    // GetChars, not GetCharCount: only GetChars carries a character split across two reads
                    // over to the next call (GetCharCount leaves the decoder's state untouched).
                    if (scratch.Length < read + 2)
                    {
                        ArrayPool<char>.Shared.Return(scratch);
                        scratch = ArrayPool<char>.Shared.Rent(read + 2);
                    }

                    utf8.GetChars(buffer, kept, read, scratch, 0, flush: final);
                }
                catch (DecoderFallbackException)
                {
                    return FileVerdict.Bad($"is not valid UTF-8 (bad byte near offset {offset})");
                }

                offset += read;
                var problem = Scan(buffer.AsSpan(0, kept + read), final, ref state, shape, out var consumed);
                if (problem is not null)
                    return FileVerdict.Bad($"is not {expected}: {problem}");
                kept = kept + read - consumed;
                buffer.AsSpan(consumed, kept).CopyTo(buffer);
                if (final)
                    return shape.Found ? FileVerdict.Fine() : FileVerdict.Bad($"is not {expected}: no \"{mapping.Envelope}\" member");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static string? Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, JsonShape shape, out int consumed)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
                var problem = shape.Accept(ref reader);
                if (problem is not null)
                {
                    consumed = (int)reader.BytesConsumed;
                    return problem;
                }
            }
        }
        catch (JsonException ex)
        {
            consumed = (int)reader.BytesConsumed;
            return ex.Message;
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-8 inside a string surfaces as ArgumentException/InvalidOperationException in some paths.
            consumed = (int)reader.BytesConsumed;
            return ex.Message;
        }

        consumed = (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return final && reader.CurrentDepth != 0 ? "the document ends early" : null;
    }
}
