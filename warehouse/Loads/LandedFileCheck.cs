using System.Buffers;
using System.Text;
using System.Text.Json;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>The verdict on a landed file's structure; <see cref="Problem"/> is null when it may load.</summary>
internal sealed record FileVerdict(string? Problem)
{
    public static FileVerdict Fine() => new((string?)null);

    public static FileVerdict Bad(string problem) => new(problem);
}

/// <summary>
/// The strict check of a landed JSON file, token by token: valid UTF-8, valid JSON, and the envelope the feed
/// promises with object records. Staging only checks structure (for speed) and DuckDB parses the records; when
/// DuckDB cannot read a batch, this finds the file to blame and says exactly what is wrong with it.
/// </summary>
internal static class LandedFileCheck
{
    private const int BufferSize = 1 << 16;

    /// <exception cref="LandingCorruptException">The bytes do not match the manifest (not a structure problem: re-land it).</exception>
    public static async Task<FileVerdict> CheckAsync(LandedFile file, FeedMapping mapping, CancellationToken cancellationToken)
    {
        await using var stream = LandingZone.OpenVerified(file);
        var verdict = await CheckJsonAsync(stream, mapping, cancellationToken);
        // Drain to the end so the manifest check runs even when the verdict came early.
        await stream.CopyToAsync(Stream.Null, cancellationToken);
        return verdict;
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
