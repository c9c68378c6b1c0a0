using System.Collections.Concurrent;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Stages the files of one batch, several at a time: staging is the loader's one pass over the landed bytes (the
/// SHA-256 check, UTF-8, structure, the copy DuckDB reads) and runs while DuckDB is idle, so it gets every core.
/// A file that cannot load never joins the batch and leaves nothing in the staging files.
/// </summary>
internal static class BatchStager
{
    private static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public static async Task<StagedBatch> StageAsync(FeedMapping mapping, IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        var staged = new StagedFile?[files.Count];
        var notStaged = new FileLoad?[files.Count];
        // JSON files share one CSV per worker: a writer is only ever used by one file at a time.
        var writers = new ConcurrentQueue<StagedCsvWriter>();
        if (mapping.Shape != PayloadShape.Csv)
        {
            for (var i = 0; i < Math.Min(Workers, files.Count); i++)
                writers.Enqueue(new StagedCsvWriter(staging.NewFile("csv")));
        }

        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (i, token) =>
            {
                var file = files[i];
                try
                {
                    staged[i] = mapping.Shape == PayloadShape.Csv
                        ? await StageCsvAsync(file, i, staging, token)
                        : await StageJsonAsync(file, i, mapping, writers, token);
                }
                catch (LandingCorruptException ex)
                {
                    notStaged[i] = Outcome(file, "failed", ex.Message);
                }
                catch (StagingProblemException ex)
                {
                    notStaged[i] = Outcome(file, "rejected", ex.Message);
                }
            });
        }
        finally
        {
            foreach (var writer in writers)
                await writer.DisposeAsync();
        }

        return new StagedBatch(
            staged.OfType<StagedFile>().ToList(),
            files.Select((f, i) => (f, notStaged[i])).Where(x => x.Item2 is not null).Select(x => (x.f, x.Item2!)).ToList());
    }

    private static FileLoad Outcome(LandedFile file, string outcome, string message) =>
        new(file.Source, file.Feed, file.Day, BatchLoader.RelativeName(file), outcome, 0, 0, 0, message);

    private static async Task<StagedFile> StageJsonAsync(LandedFile file, int index, FeedMapping mapping, ConcurrentQueue<StagedCsvWriter> writers, CancellationToken cancellationToken)
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
                json = await JsonStager.StageAsync(input, envelope, RawColumns.Of(mapping.RawTable), index, writer, cancellationToken);
            }
            catch (StagingProblemException)
            {
                await DrainAsync(input, cancellationToken);
                throw;
            }

            return new StagedFile(file, index, writer.Path, json.Records, null, json.SetAside);
        }
        finally
        {
            writers.Enqueue(writer);
        }
    }

    private static async Task<StagedFile> StageCsvAsync(LandedFile file, int index, StagingArea staging, CancellationToken cancellationToken)
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
