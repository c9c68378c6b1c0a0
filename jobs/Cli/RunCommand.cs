using System.CommandLine;
using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Pipeline;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics run [--from] [--to] [--source NAME]... [--no-email]</c>: the whole pipeline in the foreground.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var source = new Option<string[]>("--source")
        {
            Description = $"Only these sources ({string.Join(", ", IngestRunner.SourceNames)}); repeatable; default all configured",
            AllowMultipleArgumentsPerToken = false,
        };
        var noEmail = new Option<bool>("--no-email") { Description = "Do not send the report email even when Email:Host is set" };
        var command = new Command("run", "Ingest, load, report and email the given days (default yesterday); run again to repair failed days");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(source);
        command.Options.Add(noEmail);
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var settings = AppConfiguration.Settings(parse.GetValue(CommonOptions.Config));
            var (first, last) = CommonOptions.Days(parse.GetValue(from), parse.GetValue(to), TimeProvider.System);
            var names = ResolveSources(parse.GetValue(source));
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var result = await new PipelineRun(settings, logging, TimeProvider.System)
                .RunAsync(first, last, names, email: !parse.GetValue(noEmail), null, Console.WriteLine, cancellationToken);
            PipelineRunOutput.Print(Console.Out, result);
            if (result.NothingConfigured)
            {
                // Not a failure: a fresh install has nothing to pull yet. One line says so (issue #21 item 3).
                await Console.Error.WriteLineAsync("analytics: warning: no source is configured (set Sources:<Provider>:ApiKey); nothing was pulled");
                return 0;
            }

            if (result.Failures.Count > 0)
                throw new CliException($"{PipelineRun.Summarise(result.Failures)} (run 'analytics run --from {first:yyyy-MM-dd} --to {last:yyyy-MM-dd}' again to repair)");
            return 0;
        });
        return command;
    }

    internal static IReadOnlyList<string> ResolveSources(string[]? names)
    {
        if (names is null || names.Length == 0)
            return IngestRunner.SourceNames;
        try
        {
            return [.. names.SelectMany(IngestRunner.Resolve).Distinct()];
        }
        catch (IngestException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }
}
