using System.CommandLine;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Progress;
using Analytics.Pipeline.Steps;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics ingest &lt;source&gt; [--from] [--to] [--force]</c>: fetch provider records into the landing zone.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = $"{string.Join(", ", IngestRunner.SourceNames)} or all" };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var force = new Option<bool>("--force") { Description = "Fetch days again even when their landing is complete" };
        var command = new Command("ingest", "Fetch call and SMS records from a provider into the landing zone");
        command.Arguments.Add(source);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(force);
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            ExecuteAsync(result, source, from, to, force, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult result, Argument<string> source, Option<DateOnly?> from, Option<DateOnly?> to,
        Option<bool> force, CancellationToken cancellationToken)
    {
        var settings = AppConfiguration.Settings(result.GetValue(CommonOptions.Config));
        var (first, last) = CommonOptions.Days(result.GetValue(from), result.GetValue(to), TimeProvider.System);
        IReadOnlyList<string> names;
        try
        {
            names = IngestRunner.Resolve(result.GetValue(source) ?? "");
        }
        catch (IngestException ex)
        {
            throw new CliException(ex.Message);
        }

        var request = new IngestRequest(first, last, result.GetValue(force));
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var step = new IngestStep(settings, loggers, TimeProvider.System);
        var runs = Console.IsOutputRedirected
            ? await RunAsync(step, names, request, new PlainProgress(Console.Out, TimeProvider.System), cancellationToken)
            : await LiveProgress.RunAsync(AnsiConsole.Console, TimeProvider.System, progress => RunAsync(step, names, request, progress, cancellationToken));
        foreach (var s in runs.SelectMany(r => r.Summaries))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Source}/{s.Feed}: {s.Days} days landed, {s.Pages} files, {s.Records:N0} records, {s.Bytes:N0} bytes, {s.SkippedComplete} days already complete{(s.Incomplete > 0 ? $", {s.Incomplete} days incomplete (fetched again next run)" : "")}"));
        }

        var failures = runs.Where(r => r.Failure is not null).Select(r => r.Failure!.Message).ToList();
        if (failures.Count > 0)
            throw new CliException(string.Join("; ", failures));
        return 0;
    }

    private static Task<IReadOnlyList<SourceIngest>> RunAsync(IngestStep step, IReadOnlyList<string> names, IngestRequest request,
        IPipelineProgress progress, CancellationToken cancellationToken) =>
        step.RunAsync(names, request, new Adapter(progress), progress.Note, cancellationToken);

    /// <summary>Ingest progress as pipeline stage updates: one stage per source and feed, counting records of the current day.</summary>
    private sealed class Adapter(IPipelineProgress inner) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => inner.Report(new StageUpdate(value.Source, value.Feed, value.Records, "records",
            Detail: string.Create(CultureInfo.InvariantCulture, $"{value.Day:yyyy-MM-dd}, {value.Pages} files{(value.Message is null ? "" : ", " + value.Message)}")));
    }
}
