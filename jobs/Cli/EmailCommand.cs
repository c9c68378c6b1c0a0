using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Steps;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics email [--from] [--to]</c>: sends an already written report folder by SMTP.</summary>
internal static class EmailCommand
{
    public static Command Create()
    {
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var command = new Command("email", "Email the report of a period (written by 'analytics report') to Email:To");
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = AppConfiguration.Settings(result.GetValue(CommonOptions.Config));
            var (first, last) = CommonOptions.Days(result.GetValue(from), result.GetValue(to), TimeProvider.System);
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var sent = await new EmailStep(settings, logging, TimeProvider.System).RunAsync(first, last, cancellationToken);
            if (sent.Outcome != StepOutcome.Succeeded)
                throw new CliException(sent.Cause ?? sent.Outcome.ToString());
            Console.WriteLine($"sent {first:yyyy-MM-dd}..{last:yyyy-MM-dd} ({sent.Files} files): {sent.Cause}");
            return 0;
        });
        return command;
    }
}
