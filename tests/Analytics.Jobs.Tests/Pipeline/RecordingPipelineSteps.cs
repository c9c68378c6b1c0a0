using System.Globalization;
using Analytics.Jobs.Pipeline;

namespace Analytics.Jobs.Tests.Pipeline;

/// <summary>
/// Test double of the <see cref="IPipelineSteps"/> seam, used until the real ingest/load/report steps
/// are wired. It does no work; it appends every call to a log file shared by all nodes (processes
/// included) and behaves as a script says, per step key and call number across the cluster:
/// <c>ingest.televoips=wait,wait,ok;ingest.callr=reject</c>. Behaviours: ok, wait (export still 202),
/// fail (transient), reject (credentials), block (hangs until cancelled). Past the end of a list the last
/// behaviour repeats; unlisted steps are ok.
/// </summary>
internal sealed class RecordingPipelineSteps(string node, string logFile, string script = "") : IPipelineSteps
{
    private readonly Dictionary<string, string[]> _script = script
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(entry => entry.Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1].Split(','));

    public Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken) =>
        ActAsync($"ingest.{source}", source, day, 10, cancellationToken);

    public Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken) =>
        ActAsync($"load.{source}", source, day, 100, cancellationToken);

    public async Task<ReportOutcome> ReportAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var result = await ActAsync("report", "report", first, 42, cancellationToken);
        return new ReportOutcome(first, last, $"/tmp/reports/{first:yyyy-MM-dd}_{last:yyyy-MM-dd}", result.Rows);
    }

    public Task<StepResult> EmailAsync(ReportOutcome report, CancellationToken cancellationToken) =>
        ActAsync("email", "email", report.From, 0, cancellationToken);

    private async Task<StepResult> ActAsync(string key, string source, DateOnly day, long rows, CancellationToken cancellationToken)
    {
        var behaviour = Record(key, day);
        switch (behaviour)
        {
            case "wait":
                return StepResult.Waiting($"export for {day:yyyy-MM-dd} still 202");
            case "fail":
                throw new HttpRequestException($"{source}: HTTP 503 from the provider");
            case "reject":
                throw new CredentialsRejectedException($"{source}: credentials rejected (HTTP 403)");
            case "block":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return StepResult.Done(0);
            default:
                return StepResult.Done(rows);
        }
    }

    // Count-then-append under an exclusive open of the log, so nodes in other processes number calls consistently.
    private string Record(string key, DateOnly day)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var stream = new FileStream(logFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(stream, leaveOpen: true);
                var n = 1 + reader.ReadToEnd().Split('\n').Count(line => line.Split('\t') is [_, var k, ..] && k == key);
                var list = _script.TryGetValue(key, out var steps) ? steps : ["ok"];
                var behaviour = list[Math.Min(n, list.Length) - 1];
                using var writer = new StreamWriter(stream);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{node}\t{key}\t{day:yyyy-MM-dd}\t{n}\t{behaviour}\n"));
                return behaviour;
            }
            catch (IOException) when (tries < 200)
            {
                Thread.Sleep(10);
            }
        }
    }
}

/// <summary>One line of the <see cref="RecordingPipelineSteps"/> log.</summary>
internal sealed record StepCall(string Node, string Key, DateOnly Day, int Number, string Behaviour)
{
    public static IReadOnlyList<StepCall> Read(string logFile)
    {
        if (!File.Exists(logFile))
            return [];
        return Text(logFile).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(f => new StepCall(f[0], f[1], DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4]))
            .ToArray();
    }

    // A node holds the log exclusively while it numbers a call (advisory lock on Unix): wait for it.
    private static string Text(string logFile)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            catch (IOException) when (tries < 200)
            {
                Thread.Sleep(10);
            }
        }
    }
}
