using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Scheduling;
using Analytics.Jobs.Web;
using Analytics.Pipeline;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics serve</c>: the Hangfire server, its dashboard, <c>/healthz</c> and <c>/reports/</c>; several may share one PostgreSQL.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve",
            "Run the scheduler (Hangfire): daily pulls, loads, report and email; dashboard at Jobs:Dashboard:Url/hangfire (default http://127.0.0.1:5081), " +
            "/healthz and /reports/. Jobs:PostgreSql set: several serve processes share the work; Jobs:Roles = ingest, warehouse or both");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
            var settings = SettingsBinder.Bind(configuration);
            await RunAsync(configuration, settings, sp => new PipelineSteps(settings, sp.GetRequiredService<ILoggerFactory>(), TimeProvider.System), Console.Out, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Starts the host, says where everything is, and runs until the token is cancelled (Ctrl+C, SIGTERM).</summary>
    internal static async Task RunAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, AnalyticsSettings settings,
        Func<IServiceProvider, IPipelineSteps> steps, TextWriter output, CancellationToken cancellationToken)
    {
        await using var app = ServeHost.Build(configuration, settings, steps);
        Schedules.Register(app.Services.GetRequiredService<IRecurringJobManager>(), settings);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"serve: cannot listen on {settings.Jobs.Dashboard.Url}: {ex.Message}", ex);
        }

        var url = DashboardAccess.Url(settings.Jobs.Dashboard);
        await output.WriteLineAsync($"analytics serve on {RunHistories.Node}, roles {NodeRoles.Parse(settings.Jobs.Roles)}, queues {string.Join(", ", ServeHost.Queues(NodeRoles.Parse(settings.Jobs.Roles)))}");
        await output.WriteLineAsync($"  dashboard  {new Uri(url, new Uri("/hangfire", UriKind.Relative))}{(DashboardAccess.HasCredentials(settings.Jobs.Dashboard) ? " (basic auth)" : " (local requests only)")}");
        await output.WriteLineAsync($"  health     {new Uri(url, new Uri("/healthz", UriKind.Relative))}");
        await output.WriteLineAsync($"  reports    {new Uri(url, new Uri("/reports/", UriKind.Relative))}");
        await output.WriteLineAsync($"  storage    {app.Services.GetRequiredService<StorageProbe>().Description}");
        foreach (var line in Schedules.Describe(app.Services.GetRequiredService<JobStorage>(), settings))
            await output.WriteLineAsync($"  schedule   {line}");
        await output.WriteLineAsync($"  sources    {string.Join(", ", settings.ScheduledSources)}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C / SIGTERM: stop below, within Jobs:ShutdownTimeout (+5 s, ShutdownBound).
        }

        await app.StopAsync(CancellationToken.None);
    }
}
