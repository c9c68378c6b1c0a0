using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Steps;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics load</c>: loads every complete landing day folder's files not yet in the warehouse.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var command = new Command("load", "Load everything waiting in the landing zone into the warehouse");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = AppConfiguration.Settings(result.GetValue(CommonOptions.Config));
            var load = await new LoadStep(settings, TimeProvider.System).RunAsync(Console.Error.WriteLine, cancellationToken);
            if (load.Result.Outcome == StepOutcome.Failed)
                throw new CliException(load.Result.Cause!);
            var report = load.Report;
            foreach (var feed in report.ByFeed())
                Console.WriteLine($"{feed.Source}/{feed.Feed}: {feed.Describe()}");

            foreach (var failure in report.Files.Where(f => f.Message is not null))
                await Console.Error.WriteLineAsync($"analytics: {failure.Message}");
            foreach (var warning in report.Warnings)
                await Console.Error.WriteLineAsync($"analytics: warning: {warning}");
            foreach (var skip in report.Skipped)
                await Console.Error.WriteLineAsync($"analytics: {skip.Reason}");
            if (report.Files.Count == 0 && report.Skipped.Count == 0)
                Console.WriteLine(report.AlreadyLoaded.Count > 0 ? "nothing new waiting in landing" : "nothing waiting in landing");
            return report.HasFailures ? 1 : 0;
        });
        return command;
    }
}
