using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Reports;
using Analytics.Reports.Email;
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
            var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
            var (first, last) = CommonOptions.Days(result.GetValue(from), result.GetValue(to), TimeProvider.System);
            var reports = configuration.Bind<ReportsOptions>(ReportsOptions.Section);
            var email = configuration.Bind<EmailOptions>(EmailOptions.Section);
            await SendAsync(reports, email, first, last, Console.Out, cancellationToken);
            return 0;
        });
        return command;
    }

    internal static async Task SendAsync(ReportsOptions reports, EmailOptions email, DateOnly first, DateOnly last, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email.Host))
            throw new CliException("Email:Host is not set; configure Email:Host, Email:From and Email:To to send reports");
        var folder = ReportFolder.PathFor(reports.Output, first, last);
        if (!Directory.Exists(folder))
            throw new CliException($"no report for {first:yyyy-MM-dd}..{last:yyyy-MM-dd} in {Path.GetFullPath(folder)}; run 'analytics report --from {first:yyyy-MM-dd} --to {last:yyyy-MM-dd}' first");

        ReportEmail report;
        try
        {
            report = ReportFolder.Read(folder);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new CliException(ex.Message, ex);
        }

        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        try
        {
            if (!await new SmtpReportSender(email, logging.CreateLogger("email"), TimeProvider.System).SendAsync(report, cancellationToken))
            {
                await output.WriteLineAsync($"not sent: {report.Period} has no call and no SMS (Email:SkipEmpty)");
                return;
            }
        }
        catch (EmailDeliveryException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        await output.WriteLineAsync($"sent {report.Period} ({report.ChartPngs.Count} charts, {report.Csvs.Count} CSVs) to {email.To}");
    }
}
