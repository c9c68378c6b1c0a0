using Analytics.Pipeline;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Analytics.Jobs.Web;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The web host behind <c>analytics serve</c>: a Hangfire server with the pipeline jobs (Hangfire.PostgreSql
/// when <c>Jobs:PostgreSql</c> is set, so several nodes share the work; Hangfire.InMemory otherwise), the
/// dashboard at <c>/hangfire</c>, <c>/healthz</c> and <c>/reports/</c> on <c>Jobs:Dashboard:Url</c>.
/// </summary>
internal static class ServeHost
{
    public static WebApplication Build(IConfiguration configuration, AnalyticsSettings settings, Func<IServiceProvider, IPipelineSteps> steps)
    {
        DashboardAccess.Check(settings.Jobs.Dashboard);
        var url = DashboardAccess.Url(settings.Jobs.Dashboard);
        var jobs = settings.Jobs;
        var roles = NodeRoles.Parse(jobs.Roles);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.Services.AddRoutingCore();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        // Hangfire logs a stack trace per failed storage call, every second during an outage: StorageWatch says it in one line instead.
        builder.Logging.AddFilter("Hangfire", configuration["Logging:LogLevel:Hangfire"] is null ? LogLevel.Critical : LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // The job start/finish lines are serve's output: shown unless the configuration says otherwise.
        if (configuration["Logging:LogLevel:Analytics"] is null)
            builder.Logging.AddFilter("Analytics", LogLevel.Information);
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name).AddConsoleFormatter<OneLineConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = jobs.ShutdownTimeout);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(RunHistories.For(settings, TimeProvider.System));
        services.AddSingleton(steps);
        services.AddSingleton(new StorageProbe(jobs.PostgreSql is { Length: > 0 } pg ? pg : null));
        services.AddSingleton<ILoadLock>(jobs.PostgreSql is { Length: > 0 } lockDb ? new PostgresLoadLock(lockDb) : new LocalLoadLock());
        services.AddTransient<StepRunner>();
        services.AddTransient<PipelineJobs>();
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new StepRetryFilter(settings.Retry, settings.Sources.TeleVoips.PollInterval));
            if (jobs.PostgreSql is { Length: > 0 } connectionString)
            {
                config.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    // Sliding: a running job's invisibility is renewed while its node lives; a killed node's job is fetched again after NodeTimeout.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = jobs.NodeTimeout,
                    DistributedLockTimeout = jobs.NodeTimeout,
                    QueuePollInterval = jobs.PollInterval,
                    EnableLongPolling = true,
                });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o =>
        {
            o.ServerName = RunHistories.Node;
            o.WorkerCount = jobs.Concurrency;
            o.Queues = Queues(roles);
            o.ShutdownTimeout = jobs.ShutdownTimeout;
            o.StopTimeout = jobs.ShutdownTimeout;
            o.SchedulePollingInterval = jobs.PollInterval;
            o.HeartbeatInterval = TimeSpan.FromSeconds(Math.Clamp(jobs.NodeTimeout.TotalSeconds / 4, 1, 30));
            o.ServerTimeout = jobs.NodeTimeout;
            o.ServerCheckInterval = jobs.NodeTimeout;
        });
        services.AddHostedService<StorageWatch>();
        services.AddHostedService<ShutdownBound>();

        var app = builder.Build();
        app.UseRouting();
        app.UseHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = DashboardAccess.Filters(jobs.Dashboard),
            DashboardTitle = "Analytics jobs",
            DisplayStorageConnectionString = false,
            AppPath = "/reports/",
        });
        app.MapGet("/healthz", async (StorageProbe probe, CancellationToken cancellationToken) =>
            await probe.FailureAsync(cancellationToken) is { } failure
                ? Results.Text(failure + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text($"ok: {probe.Description}\n", "text/plain"));
        app.MapGet("/reports/", () => ReportsIndex.Render(settings.Reports.Output));
        app.MapGet("/reports/{folder}/{**file}", (string folder, string file) => ReportFile(settings.Reports.Output, folder, file));
        return app;
    }

    /// <summary>The queues this node serves: pulls on ingest nodes, warehouse work only where the DuckDB file is.</summary>
    public static string[] Queues(NodeRole roles) =>
    [
        .. roles.HasFlag(NodeRole.Warehouse) ? new[] { PipelineJobs.WarehouseQueue } : [],
        .. roles.HasFlag(NodeRole.Ingest) ? new[] { PipelineJobs.IngestQueue } : [],
        PipelineJobs.DefaultQueue,
    ];

    // A file of one report folder; the path is resolved and must stay inside that folder (never Reports:Output/.cache,
    // whose day cache holds callers' numbers).
    private static IResult ReportFile(string output, string folder, string file)
    {
        if (!Analytics.Reports.Email.ReportFolder.IsReportFolder(folder))
            return Results.NotFound();
        var root = Path.GetFullPath(Path.Combine(output, folder)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            return Results.NotFound();
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" => "text/html; charset=utf-8",
            ".csv" => "text/csv; charset=utf-8",
            ".json" => "application/json",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            _ => "application/octet-stream",
        };
        return Results.File(path, type);
    }
}
