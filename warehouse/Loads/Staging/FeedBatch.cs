using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// The files of one source/feed gathered for the next transaction, each staged as it is added: CSV into a copy of
/// its own, JSON into the batch's shared NDJSON file. Staging is also the check: a file that cannot load never
/// joins the batch.
/// </summary>
internal sealed class FeedBatch(FeedMapping mapping, StagingArea staging)
{
    private readonly List<StagedFile> _files = [];
    private JsonBatchStage? _json;

    public FeedMapping Mapping => mapping;

    public StagingArea Staging => staging;

    public IReadOnlyList<StagedFile> Files => _files;

    /// <summary>Landed bytes of the files in the batch.</summary>
    public long Bytes { get; private set; }

    /// <summary>Stages <paramref name="file"/> into the batch; null when it joined, else why it cannot load.</summary>
    /// <returns>Outcome <c>failed</c> for a copy that does not match its manifest (re-land it), <c>rejected</c> for a wrong structure.</returns>
    public async Task<FileLoad?> TryAddAsync(LandedFile file, CancellationToken cancellationToken)
    {
        try
        {
            var staged = mapping.Shape == PayloadShape.Csv
                ? await StageCsvAsync(file, cancellationToken)
                : await (_json ??= new JsonBatchStage(staging.NewFile("ndjson"))).AddAsync(file, mapping, cancellationToken);
            _files.Add(staged);
            Bytes += file.Bytes;
            return null;
        }
        catch (LandingCorruptException ex)
        {
            return new FileLoad(file.Source, file.Feed, file.Day, BatchLoader.RelativeName(file), "failed", 0, 0, 0, ex.Message);
        }
        catch (StagingProblemException ex)
        {
            return new FileLoad(file.Source, file.Feed, file.Day, BatchLoader.RelativeName(file), "rejected", 0, 0, 0, ex.Message);
        }
    }

    /// <summary>Ends the batch: its staged files, ready for DuckDB; the next file starts a new batch.</summary>
    public async Task<IReadOnlyList<StagedFile>> CloseAsync()
    {
        if (_json is not null)
            await _json.DisposeAsync();
        _json = null;
        var files = _files.ToList();
        _files.Clear();
        Bytes = 0;
        return files;
    }

    private async Task<StagedFile> StageCsvAsync(LandedFile file, CancellationToken cancellationToken)
    {
        var path = staging.NewFile("csv");
        try
        {
            await using var input = LandingZone.OpenVerified(file);
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 20);
            CsvStaged csv;
            try
            {
                csv = await CsvStager.StageAsync(input, output, cancellationToken);
            }
            catch (StagingProblemException)
            {
                // Read to the end first: the manifest check runs on the last byte, and a damaged copy outranks its shape.
                await input.CopyToAsync(Stream.Null, cancellationToken);
                throw;
            }

            return new StagedFile(file, path, csv.Records, csv, 0, 0);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
