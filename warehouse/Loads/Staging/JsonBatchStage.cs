using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// One batch's NDJSON file: every landed JSON payload of the batch is split into it, record per line, tagged with its
/// file index (<c>_f</c>) and 1-based record index (<c>_o</c>), so DuckDB reads the whole batch with one parallel scan.
/// </summary>
internal sealed class JsonBatchStage(string path) : IAsyncDisposable
{
    private readonly FileStream _output = new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 20);
    private long _maxRecordBytes;

    public string Path { get; } = path;

    public int Files { get; private set; }

    /// <summary>Splits <paramref name="file"/> into the batch file; a file that cannot load leaves no line behind.</summary>
    /// <exception cref="StagingProblemException">Not valid UTF-8, or not the shape the feed promises.</exception>
    /// <exception cref="LandingCorruptException">The bytes do not match the manifest.</exception>
    public async Task<StagedFile> AddAsync(LandedFile file, FeedMapping mapping, CancellationToken cancellationToken)
    {
        var start = _output.Position;
        try
        {
            await using var input = LandingZone.OpenVerified(file);
            var split = await JsonRecordSplitter.SplitAsync(input, mapping.Shape == PayloadShape.JsonArray ? null : mapping.Envelope, Files, _output, cancellationToken);
            // Read to the end either way: the manifest check runs on the last byte, and a damaged copy outranks its shape.
            await input.CopyToAsync(Stream.Null, cancellationToken);
            if (split.Problem is not null)
                throw new StagingProblemException(Describe(mapping, split.Problem));
            _maxRecordBytes = Math.Max(_maxRecordBytes, split.MaxRecordBytes);
            return new StagedFile(file, Path, split.Records, null, Files++, _maxRecordBytes);
        }
        catch
        {
            _output.SetLength(start);
            _output.Position = start;
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _output.DisposeAsync();

    private static string Describe(FeedMapping mapping, string problem)
    {
        if (problem.StartsWith("not valid UTF-8", StringComparison.Ordinal))
            return "is " + problem;
        var expected = mapping.Shape == PayloadShape.JsonArray
            ? "a JSON array of record objects"
            : $"a JSON object whose \"{mapping.Envelope}\" member is an array of record objects";
        return $"is not {expected}: {problem}";
    }
}
