using System.Buffers;

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
internal static partial class CsvStager
{
    /// <summary>Name of the staged first column.</summary>
    public const string OrdinalColumn = "an_ordinal";

    private const int BufferSize = 1 << 20;

    /// <exception cref="StagingProblemException">The file is not valid UTF-8 or has no usable header.</exception>
    public static async Task<CsvStaged> StageAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var state = new Scan(output);
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
}

/// <summary>A landed file that cannot load at all; the message completes "&lt;file&gt; …".</summary>
internal sealed class StagingProblemException(string message) : Exception(message);
