using System.CommandLine;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.TeleVoips;
using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Steps;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics land televoips FILE.csv[.gz] [--day yyyy-MM-dd] [--force]</c>: lands a CDR export downloaded by hand.</summary>
internal static class LandCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = string.Join(", ", LandStep.Sources) };
        var file = new Argument<string>("file") { Description = "The export as downloaded: FILE.csv or FILE.csv.gz" };
        var day = CommonOptions.DateOption("--day", "The day it holds, yyyy-MM-dd (default: the UTC day most of its calls started on)");
        var force = new Option<bool>("--force") { Description = "Replace the day's landed file when it differs" };
        var command = new Command("land", "Import a file downloaded by hand into the landing zone; the next load loads it");
        command.Arguments.Add(source);
        command.Arguments.Add(file);
        command.Options.Add(day);
        command.Options.Add(force);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = AppConfiguration.Settings(result.GetValue(CommonOptions.Config));
            CdrFileLanding landed;
            try
            {
                landed = await new LandStep(settings, TimeProvider.System).RunAsync(result.GetValue(source)!.Trim().ToLowerInvariant(),
                    result.GetValue(file)!, result.GetValue(day), result.GetValue(force), cancellationToken);
            }
            catch (IngestException ex)
            {
                throw new CliException(ex.Message);
            }

            Console.WriteLine(landed.AlreadyLanded
                ? string.Create(CultureInfo.InvariantCulture, $"televoips/cdrs {landed.Day:yyyy-MM-dd}: already landed as {landed.Path}, nothing to do")
                : string.Create(CultureInfo.InvariantCulture, $"televoips/cdrs {landed.Day:yyyy-MM-dd}: landed {landed.Records:N0} records, {landed.Bytes:N0} bytes as {landed.Path}; `analytics load` loads it"));
            return 0;
        });
        return command;
    }
}
