using System.CommandLine;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Progress;
using Analytics.Warehouse;
using Analytics.Landing;
using Microsoft.Extensions.Configuration;
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
        var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
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
        var summaries = await RunAsync(configuration, names, request, cancellationToken);
        foreach (var s in summaries)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Source}/{s.Feed}: {s.Days} days landed, {s.Pages} files, {s.Records:N0} records, {s.Bytes:N0} bytes, {s.SkippedComplete} days already complete{(s.Incomplete > 0 ? $", {s.Incomplete} days incomplete (fetched again next run)" : "")}"));
        }

        return 0;
    }

    /// <summary>Builds the runner from configuration and ingests, with a live display on a terminal and plain lines otherwise.</summary>
    internal static Task<IReadOnlyList<IngestSummary>> RunAsync(IConfiguration configuration, IReadOnlyList<string> names,
        IngestRequest request, CancellationToken cancellationToken) =>
        WithRunnerAsync(configuration, async (runner, progress) =>
        {
            try
            {
                return await runner.RunAsync(names, request, new Adapter(progress), progress.Note, cancellationToken);
            }
            catch (IngestException ex)
            {
                throw new CliException(ex.Message, ex);
            }
        });

    /// <summary>As <see cref="RunAsync"/>, but says how each source went instead of failing for one.</summary>
    internal static Task<IReadOnlyList<SourceIngest>> RunEachAsync(IConfiguration configuration, IReadOnlyList<string> names,
        IngestRequest request, CancellationToken cancellationToken) =>
        WithRunnerAsync(configuration, (runner, progress) => runner.RunEachAsync(names, request, new Adapter(progress), progress.Note, cancellationToken));

    private static async Task<T> WithRunnerAsync<T>(IConfiguration configuration, Func<IngestRunner, IPipelineProgress, Task<T>> work)
    {
        var sources = configuration.Bind<SourcesOptions>(SourcesOptions.Section);
        var landing = configuration.Bind<LandingOptions>(LandingOptions.Section);
        using var loggers = LoggerFactory.Create(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        IngestRunner runner;
        try
        {
            runner = new IngestRunner(sources, landing, loggers);
        }
        catch (IngestSettingsException ex)
        {
            throw new CliException(ex.Message);
        }

        if (Console.IsOutputRedirected)
            return await work(runner, new PlainProgress(Console.Out, TimeProvider.System));
        return await LiveProgress.RunAsync(AnsiConsole.Console, TimeProvider.System, progress => work(runner, progress));
    }

    /// <summary>Ingest progress as pipeline stage updates: one stage per source and feed, counting records of the current day.</summary>
    private sealed class Adapter(IPipelineProgress inner) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => inner.Report(new StageUpdate(value.Source, value.Feed, value.Records, "records",
            Detail: string.Create(CultureInfo.InvariantCulture, $"{value.Day:yyyy-MM-dd}, {value.Pages} files{(value.Message is null ? "" : ", " + value.Message)}")));
    }
}
