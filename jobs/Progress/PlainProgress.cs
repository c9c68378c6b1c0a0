using System.Globalization;

namespace Analytics.Jobs.Progress;

/// <summary>
/// Progress as plain log lines for redirected output (CI logs, cron mail): at most one line per stage
/// every <see cref="Interval"/>, plus the final figure when a stage completes.
/// </summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider time) : IPipelineProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<(string, string), DateTimeOffset> _lastPrinted = [];
    private readonly Lock _gate = new();

    public void Report(StageUpdate value)
    {
        var now = time.GetUtcNow();
        var key = (value.Source, value.Stage);
        lock (_gate)
        {
            var finished = value.Total is { } total && value.Done >= total;
            if (!finished && _lastPrinted.TryGetValue(key, out var last) && now - last < Interval)
                return;
            _lastPrinted[key] = now;
            output.WriteLine(Format(value));
        }
    }

    public void Note(string line)
    {
        lock (_gate)
            output.WriteLine(line);
    }

    internal static string Format(StageUpdate value)
    {
        var of = value.Total is { } total ? string.Create(CultureInfo.InvariantCulture, $"/{total:N0}") : "";
        var detail = value.Detail is null ? "" : $" ({value.Detail})";
        return string.Create(CultureInfo.InvariantCulture, $"{value.Source} {value.Stage}: {value.Done:N0}{of} {value.Unit}{detail}");
    }
}
