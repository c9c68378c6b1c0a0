using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Analytics.Warehouse.Arrow;
using Analytics.Warehouse.Loads.Staging;
using Apache.Arrow;
using Apache.Arrow.C;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>arrowscan [rows] [--runs N]</c>: the same rows (an int32 file index, an int64 ordinal, ten utf8 columns with
/// NULLs) streamed into one DuckDB INSERT through <c>duckdb_arrow_scan</c> two ways: the loader's hand-built batches
/// (<see cref="TextBatchBuilder"/> + <see cref="ArrowRecordStream"/>) and Apache.Arrow's builders exported with
/// <see cref="CArrowArrayStreamExporter"/>. Batches are cut at the same rows (<see cref="StagedRowsWriter.PublishBytes"/>
/// of text) and both have a producer thread and two batches queued, as the loader does. Each run is a fresh process
/// (<c>arrowscan-one hand|apache rows</c>), the two interleaved; prints medians of wall, CPU, managed allocations, peak
/// RSS, and fails unless both tables hold the same rows (count + hash checksum).
/// </summary>
internal sealed class ArrowScanBenchmark : IBenchmark
{
    public string Name => "arrowscan";

    public string Description => "hand-built Arrow batches against Apache.Arrow's exporter, into a DuckDB INSERT (fresh processes)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = BenchData.Rows(args);
        var at = System.Array.IndexOf(args, "--runs");
        var runs = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 3;
        var results = new Dictionary<string, List<ArrowScanRun.Result>> { ["hand"] = [], ["apache"] = [] };
        for (var run = 0; run < runs; run++)
        {
            // Alternate which goes first, so a neighbour's build hurts both alike.
            foreach (var mode in run % 2 == 0 ? new[] { "hand", "apache" } : ["apache", "hand"])
            {
                var result = await RunChildAsync(mode, rows, cancellationToken);
                Console.WriteLine($"run {run + 1} {mode,-6} {result}");
                results[mode].Add(result);
            }
        }

        var checksums = results.Values.SelectMany(r => r).Select(r => r.Checksum).Distinct().ToList();
        if (checksums.Count != 1)
            throw new InvalidOperationException($"the two ways loaded different rows: {string.Join(" / ", checksums)}");
        Console.WriteLine($"same rows both ways: {checksums[0]}");
        var hand = ArrowScanRun.Result.Median(results["hand"]);
        var apache = ArrowScanRun.Result.Median(results["apache"]);
        Console.WriteLine($"median hand    {hand}");
        Console.WriteLine($"median apache  {apache}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"apache / hand: wall {apache.Wall / hand.Wall:F2}  cpu {apache.Cpu / hand.Cpu:F2}  producer cpu {apache.ProducerCpu / hand.ProducerCpu:F2}  allocated {(double)apache.Allocated / Math.Max(hand.Allocated, 1):F1}  peak RSS {(double)apache.PeakRssMb / hand.PeakRssMb:F2}"));
    }

    private static async Task<ArrowScanRun.Result> RunChildAsync(string mode, long rows, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(ArrowScanBenchmark).Assembly.Location);
        foreach (var arg in new[] { "arrowscan-one", mode, rows.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"arrowscan-one {mode} exited with {child.ExitCode}: {output}");
        return ArrowScanRun.Result.Parse(output.Trim().Split('\n')[^1]);
    }
}

/// <summary><c>arrowscan-one hand|apache rows</c>: one way, once, in this process; prints one result line.</summary>
internal sealed partial class ArrowScanRun : IBenchmark
{
    private const string View = "bench_stream";
    private const int TextColumns = 10;

    public string Name => "arrowscan-one";

    public string Description => "one run of arrowscan (hand|apache rows), for its fresh processes";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mode = args[0];
        var rows = long.Parse(args[1], CultureInfo.InvariantCulture);
        var source = new RowSource();
        var directory = Path.Combine(Path.GetTempPath(), $"analytics-bench-arrowscan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            await using var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "bench.duckdb")}");
            await connection.OpenAsync(cancellationToken);
            var columns = string.Join(", ", RowSource.Names.Select(n => $"{n} VARCHAR"));
            await ExecAsync(connection, $"CREATE TABLE t (an_f INTEGER NOT NULL, an_o BIGINT NOT NULL, {columns})", cancellationToken);

            GC.Collect();
            Measure.ResetPeakRss();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            if (mode == "hand")
                await HandBuiltAsync(connection, source, rows, cancellationToken);
            else if (mode == "apache")
                await ApacheArrowAsync(connection, source, rows, cancellationToken);
            else
                throw new ArgumentException($"arrowscan-one: expected hand or apache, got {mode}");
            watch.Stop();
            var result = new Result(watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, ThreadCpu.Last,
                GC.GetTotalAllocatedBytes(precise: true) - allocated, Measure.PeakRssMegabytes(), await ChecksumAsync(connection, cancellationToken));
            Console.WriteLine(result.Format());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task HandBuiltAsync(DuckDBConnection connection, RowSource source, long rows, CancellationToken cancellationToken)
    {
        using var stream = new ArrowRecordStream("an_f", "an_o", RowSource.Names);
        ArrowScan.Register(connection, View, stream);
        var producer = Task.Factory.StartNew(() =>
        {
            using var cpu = ThreadCpu.Start();
            try
            {
                using var batch = new TextBatchBuilder(stream.Buffers);
                for (long r = 0; r < rows; r++)
                {
                    batch.BeginRow(RowSource.FileIndex(r), r);
                    for (var c = 0; c < TextColumns; c++)
                    {
                        var value = source.Value(r, c);
                        if (value is null)
                            batch.SetNull(c);
                        else
                            batch.Set(c, value);
                    }

                    batch.EndRow();
                    if (batch.Bytes >= StagedRowsWriter.PublishBytes)
                        stream.Add(batch, cancellationToken);
                }

                stream.Add(batch, cancellationToken);
                stream.Complete();
            }
            catch (Exception ex)
            {
                stream.Fail(ex.Message);
                throw;
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await InsertAsync(connection, producer, stream.Abandon, cancellationToken);
    }

    private static async Task ApacheArrowAsync(DuckDBConnection connection, RowSource source, long rows, CancellationToken cancellationToken)
    {
        using var batches = new QueuedBatchStream();
        unsafe
        {
            var native = CArrowArrayStream.Create();
            CArrowArrayStreamExporter.ExportArrayStream(batches, native);
            batches.Native = (nint)native;
            ArrowScan.Register(connection, View, (nint)native);
        }

        var producer = Task.Factory.StartNew(() =>
        {
            using var cpu = ThreadCpu.Start();
            try
            {
                var keys = new Int32Array.Builder();
                var ordinals = new Int64Array.Builder();
                var text = Enumerable.Range(0, TextColumns).Select(_ => new StringArray.Builder()).ToArray();
                long bytes = 0;
                var count = 0;
                for (long r = 0; r < rows; r++)
                {
                    keys.Append(RowSource.FileIndex(r));
                    ordinals.Append(r);
                    for (var c = 0; c < TextColumns; c++)
                    {
                        var value = source.Value(r, c);
                        if (value is null)
                        {
                            text[c].AppendNull();
                        }
                        else
                        {
                            text[c].Append(value.AsSpan());
                            bytes += value.Length;
                        }
                    }

                    count++;
                    if (bytes >= StagedRowsWriter.PublishBytes)
                    {
                        batches.Add(Build(), cancellationToken);
                        (bytes, count) = (0, 0);
                    }
                }

                if (count > 0)
                    batches.Add(Build(), cancellationToken);
                batches.Complete();

                RecordBatch Build()
                {
                    IArrowArray[] arrays = [keys.Build(), ordinals.Build(), .. text.Select(t => t.Build())];
                    keys.Clear();
                    ordinals.Clear();
                    foreach (var t in text)
                        t.Clear();
                    return new RecordBatch(QueuedBatchStream.Shape, arrays, count);
                }
            }
            catch (Exception ex)
            {
                batches.Fail(ex);
                throw;
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await InsertAsync(connection, producer, batches.Abandon, cancellationToken);
    }

    // The INSERT on a thread of its own, as the loader runs it: it blocks its thread for the whole read.
    private static async Task InsertAsync(DuckDBConnection connection, Task producer, Action abandon, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Factory.StartNew(() => ExecAsync(connection, $"INSERT INTO t SELECT * FROM {View}", cancellationToken).GetAwaiter().GetResult(),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch
        {
            abandon();
            throw;
        }
        finally
        {
            await producer;
        }
    }

    private static async Task ExecAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ChecksumAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*)::VARCHAR || ':' || sum(hash(an_f, an_o, {string.Join(", ", RowSource.Names)}))::VARCHAR FROM t";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One run's figures; <see cref="Format"/> and <see cref="Parse"/> carry them from child to parent.</summary>
    /// <remarks><see cref="ProducerCpu"/> is the building thread's own CPU: DuckDB's side does the same work both ways.</remarks>
    internal sealed record Result(double Wall, double Cpu, double ProducerCpu, long Allocated, long PeakRssMb, string Checksum)
    {
        public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F3} {Cpu:F3} {ProducerCpu:F3} {Allocated} {PeakRssMb} {Checksum}");

        public static Result Parse(string line)
        {
            var p = line.Split(' ');
            return new Result(double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture),
                double.Parse(p[2], CultureInfo.InvariantCulture), long.Parse(p[3], CultureInfo.InvariantCulture),
                long.Parse(p[4], CultureInfo.InvariantCulture), p[5]);
        }

        public static Result Median(List<Result> runs)
        {
            static T Mid<T>(IEnumerable<T> values) => values.Order().ElementAt(values.Count() / 2);
            return new Result(Mid(runs.Select(r => r.Wall)), Mid(runs.Select(r => r.Cpu)), Mid(runs.Select(r => r.ProducerCpu)),
                Mid(runs.Select(r => r.Allocated)), Mid(runs.Select(r => r.PeakRssMb)), runs[0].Checksum);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"wall {Wall,6:F2} s  cpu {Cpu,6:F2} s  producer cpu {ProducerCpu,5:F2} s  allocated {Allocated / 1e6,8:F1} MB  peak RSS {PeakRssMb,5} MB");
    }

    /// <summary>The CPU time of the thread that starts it, until disposed (Linux CLOCK_THREAD_CPUTIME_ID); one producer per process.</summary>
    private sealed partial class ThreadCpu : IDisposable
    {
        private const int ClockThreadCpuTime = 3;
        private readonly double _start = Now();

        public static double Last { get; private set; }

        public static ThreadCpu Start() => new();

        public void Dispose() => Last = Now() - _start;

        private static unsafe double Now()
        {
            long* time = stackalloc long[2];
            return ClockGetTime(ClockThreadCpuTime, time) == 0 ? time[0] + (time[1] / 1e9) : double.NaN;
        }

        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
        private static unsafe partial int ClockGetTime(int clock, long* time);
    }

    /// <summary>
    /// Apache.Arrow's side of the stream: record batches queued by a producer (at most two waiting, as
    /// <see cref="ArrowRecordStream"/>), read by the exporter's <c>get_next</c> on DuckDB's thread.
    /// </summary>
    private sealed class QueuedBatchStream : IArrowArrayStream
    {
        public static readonly Schema Shape = new(
            [new Field("an_f", Int32Type.Default, nullable: false), new Field("an_o", Int64Type.Default, nullable: false),
             .. RowSource.Names.Select(n => new Field(n, StringType.Default, nullable: true))], null);

        private readonly BlockingCollection<RecordBatch> _queue = new(ArrowRecordStream.MaxQueued);
        private readonly CancellationTokenSource _abandoned = new();
        private Exception? _error;
        private bool _disposed;

        public Schema Schema => Shape;

        /// <summary>The exported C stream (a <c>CArrowArrayStream*</c>), freed with this.</summary>
        public nint Native { get; set; }

        public void Add(RecordBatch batch, CancellationToken cancellationToken)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandoned.Token);
            _queue.Add(batch, either.Token);
        }

        public void Complete() => _queue.CompleteAdding();

        public void Fail(Exception error)
        {
            _error = error;
            _queue.CompleteAdding();
        }

        public void Abandon()
        {
            _abandoned.Cancel();
            _queue.CompleteAdding();
        }

        public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
        {
            if (_queue.TryTake(out var batch, Timeout.Infinite, _abandoned.Token))
                return ValueTask.FromResult<RecordBatch?>(batch);
            return _error is null ? ValueTask.FromResult<RecordBatch?>(null) : ValueTask.FromException<RecordBatch?>(_error);
        }

        // Freeing the C stream has the exporter dispose this stream again: the flag ends that second call.
        public unsafe void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _abandoned.Cancel();
            while (_queue.TryTake(out var left))
                left.Dispose();
            _queue.Dispose();
            _abandoned.Dispose();
            if (Native != 0)
                CArrowArrayStream.Free((CArrowArrayStream*)Native); // DuckDB does not release the stream it was given
        }
    }

    /// <summary>
    /// The rows, the same for both ways: CALLR-like text (numbers, timestamps, labels), some columns NULL in about one
    /// row in eight. Values come from per-column pools of UTF-8 bytes so that making them costs both ways almost nothing.
    /// </summary>
    private sealed class RowSource
    {
        public static readonly string[] Names =
            ["callid", "cli_number", "start_at", "answer_at", "hangup_at", "billing_label", "debit_eur", "scenario_name", "number", "dialstatus"];

        private const int PoolSize = 4096;
        private static readonly string[] Labels = ["FR mobile", "FR fixe", "BE mobile", "Numéro spécial"];
        private readonly byte[]?[][] _pools;

        public RowSource()
        {
            var random = new Random(4);
            _pools = new byte[]?[TextColumns][];
            for (var c = 0; c < TextColumns; c++)
            {
                _pools[c] = new byte[]?[PoolSize];
                for (var i = 0; i < PoolSize; i++)
                {
                    var time = new DateTime(2026, 11, 20).AddSeconds(random.Next(86_400));
                    var text = c switch
                    {
                        0 => (1_500_000_000L + random.Next()).ToString(CultureInfo.InvariantCulture),
                        1 => "+3318765" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                        2 => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        3 => random.Next(8) == 0 ? null : time.AddSeconds(5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        4 => time.AddSeconds(random.Next(900)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        5 => random.Next(8) == 0 ? null : Labels[random.Next(Labels.Length)],
                        6 => (random.Next(90_000) / 10_000m).ToString("0.0000", CultureInfo.InvariantCulture),
                        7 => random.Next(8) == 0 ? null : "Sales line " + random.Next(20).ToString(CultureInfo.InvariantCulture),
                        8 => "+336" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                        _ => random.Next(4) == 0 ? "NOANSWER" : "ANSWER",
                    };
                    _pools[c][i] = text is null ? null : Encoding.UTF8.GetBytes(text);
                }
            }
        }

        /// <summary>Forty files of equal size, as the loads benchmark lands CALLR's records.</summary>
        public static int FileIndex(long row) => (int)(row / 25_000);

        public byte[]? Value(long row, int column) => _pools[column][(int)(((ulong)row * 0x9E3779B97F4A7C15UL + (ulong)column * 0x632BE59BD9B4E019UL) >> 52)];
    }
}
