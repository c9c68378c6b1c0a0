using System.Globalization;
using Spectre.Console;

namespace Analytics.Jobs.Progress;

/// <summary>A Spectre.Console live progress display: one task per source and stage, with its rate.</summary>
internal sealed class LiveProgress : IPipelineProgress
{
    private readonly ProgressContext _context;
    private readonly Dictionary<(string, string), (ProgressTask Task, DateTimeOffset Started)> _tasks = [];
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private LiveProgress(ProgressContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
    }

    /// <summary>Runs <paramref name="work"/> inside a live display that ends when it returns.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, TimeProvider time, Func<IPipelineProgress, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(context => work(new LiveProgress(context, time)));

    public void Report(StageUpdate value)
    {
        lock (_gate)
        {
            var key = (value.Source, value.Stage);
            if (!_tasks.TryGetValue(key, out var entry))
            {
                entry = (_context.AddTask(Markup.Escape(value.Source + " " + value.Stage)), _time.GetUtcNow());
                entry.Task.IsIndeterminate = value.Total is null;
                _tasks[key] = entry;
            }

            var seconds = Math.Max((_time.GetUtcNow() - entry.Started).TotalSeconds, 0.001);
            var rate = value.Done / seconds;
            entry.Task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{value.Source,-11} {value.Stage,-7} {value.Done,10:N0} {value.Unit} {rate,9:N0}/s{(value.Detail is null ? "" : "  " + value.Detail)}"));
            if (value.Total is { } total)
            {
                entry.Task.IsIndeterminate = false;
                entry.Task.MaxValue = Math.Max(total, 1);
                entry.Task.Value = Math.Min(value.Done, total);
            }
        }
    }

    public void Note(string line)
    {
        lock (_gate)
            AnsiConsole.MarkupLine(Markup.Escape(line));
    }

    /// <summary>Marks every indeterminate task finished so the final frame shows no spinner.</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            foreach (var (task, _) in _tasks.Values)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            }
        }
    }
}
