using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Pipeline;
using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Hosting;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics serve</c>: the long-running scheduler; several may share one PostgreSQL job store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the scheduler: daily pulls, loads, report and email (Jobs:PostgreSql set: clustered with other serve processes)");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
            using var host = ServeHost.Build(configuration, PipelineStepsRegistration.Add);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
