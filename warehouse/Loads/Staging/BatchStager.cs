using System.Collections.Concurrent;
using Analytics.Warehouse.Arrow;
using Analytics.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Stages the files of one batch, several at a time: staging is the loader's one pass over the landed bytes (the
/// SHA-256 check, UTF-8, structure, the copy DuckDB reads). CSV files are staged while DuckDB is idle, so staging gets
/// every core; JSON files are staged while DuckDB inserts their rows. A file that cannot load never joins the batch.
/// </summary>
internal static class BatchStager
{
    private static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Stages CSV files, each into a staged copy of its own, before DuckDB reads them.</summary>
    public static Task<StagedBatch> StageCsvAsync(IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken) =>
        StageEachAsync(files, (file, i, token) => StageCsvFileAsync(file, i, staging, token), () => { }, cancellationToken);

    /// <summary>
    /// Stages JSON files into <paramref name="stream"/> while DuckDB reads it, and ends the stream (failed, if staging
    /// failed for any reason but a bad file). The rows of a file that cannot load may already be in DuckDB's hands:
    /// the caller deletes them by the file's load id.
    /// </summary>
    public static async Task<StagedBatch> StreamJsonAsync(FeedMapping mapping, IReadOnlyList<LandedFile> files, ArrowRecordStream stream, CancellationToken cancellationToken)
    {
        var columns = RawColumns.Of(mapping.RawTable);
        var writers = new ConcurrentQueue<(StagedRowsWriter Rows, RecordColumns Columns)>();
        for (var i = 0; i < Math.Min(Workers, files.Count); i++)
            writers.Enqueue((new StagedRowsWriter(new TextBatchBuilder(stream.Buffers), stream), new RecordColumns(columns)));
        try
        {
            var staged = await StageEachAsync(files, (file, i, token) => StageJsonAsync(file, i, mapping, writers, token), () =>
            {
                foreach (var writer in writers)
                    writer.Rows.Publish(cancellationToken);
            }, cancellationToken);
            stream.Complete();
            return staged;
        }
        catch (Exception ex)
        {
            stream.Fail($"staging stopped: {ex.Message}");
            throw;
        }
        finally
        {
            foreach (var writer in writers)
                writer.Rows.Dispose();
        }
    }

    private static async Task<StagedBatch> StageEachAsync(IReadOnlyList<LandedFile> files, Func<LandedFile, int, CancellationToken, Task<StagedFile>> stage, Action finish,
                                                          CancellationToken cancellationToken)
    {
        var staged = new StagedFile?[files.Count];
        var notStaged = new FileLoad?[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (i, token) =>
        {
            var file = files[i];
            try
            {
                staged[i] = await stage(file, i, token);
            }
            catch (LandingCorruptException ex)
            {
                notStaged[i] = Outcome(file, FileOutcome.Failed, ex.Message);
            }
            catch (StagingProblemException ex)
            {
                notStaged[i] = Outcome(file, FileOutcome.Rejected, ex.Message);
            }
        });
        finish();

        return new StagedBatch(
            staged.OfType<StagedFile>().ToList(),
            files.Select((f, i) => (f, notStaged[i])).Where(x => x.Item2 is not null).Select(x => (x.f, x.Item2!)).ToList());
    }

    private static FileLoad Outcome(LandedFile file, FileOutcome outcome, string message) =>
        new(file.Source, file.Feed, file.Day, LoadLedger.RelativeName(file), outcome, 0, 0, 0, message);

    private static async Task<StagedFile> StageJsonAsync(LandedFile file, int index, FeedMapping mapping,
                                                         ConcurrentQueue<(StagedRowsWriter Rows, RecordColumns Columns)> writers, CancellationToken cancellationToken)
    {
        if (!writers.TryDequeue(out var writer))
            throw new InvalidOperationException("more JSON files staged at once than staging writers");
        try
        {
            await using var input = LandingZone.OpenVerified(file);
            var envelope = mapping.Shape == PayloadShape.JsonArray ? null : mapping.Envelope;
            JsonStaged json;
            try
            {
                json = await JsonStager.StageAsync(input, envelope, writer.Columns, index, writer.Rows, cancellationToken);
                MemoryRelease.CollectYoungGarbage();
            }
            catch (StagingProblemException)
            {
                await DrainAsync(input, cancellationToken);
                throw;
            }

            return new StagedFile(file, index, null, json.Records, null, json.SetAside);
        }
        finally
        {
            writers.Enqueue(writer);
        }
    }

    private static async Task<StagedFile> StageCsvFileAsync(LandedFile file, int index, StagingArea staging, CancellationToken cancellationToken)
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
                await DrainAsync(input, cancellationToken);
                throw;
            }

            return new StagedFile(file, index, path, csv.Records, csv, []);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    // The manifest check runs on the last byte: a damaged copy outranks its shape, so read to the end before blaming it.
    private static Task DrainAsync(Stream input, CancellationToken cancellationToken) => input.CopyToAsync(Stream.Null, cancellationToken);
}
