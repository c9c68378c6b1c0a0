using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.History;
using Analytics.Jobs.Pipeline;
using Analytics.Reports;
using Analytics.Warehouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The generic host behind <c>analytics serve</c>: Quartz with the pipeline jobs. <c>Jobs:PostgreSql</c>
/// set: a clustered ADO store (schema created if missing; nodes starting together converge) with the
/// System.Text.Json serializer and run history in the same database; otherwise the in-memory store.
/// Shutdown (Ctrl+C, SIGTERM): running steps see their token cancelled and get until
/// <c>Jobs:ShutdownTimeout</c> to finish or checkpoint; a step stopped that way is handed back to the
/// store and runs again on the next node that starts.
/// </summary>
internal static class ServeHost
{
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection, IConfiguration> addSteps)
    {
        var jobs = configuration.Bind<JobsOptions>(JobsOptions.Section);
        var settings = PipelineSettings.From(
            jobs, configuration.Bind<ReportsOptions>(ReportsOptions.Section), configuration.Bind<SourcesOptions>(SourcesOptions.Section));

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = jobs.ShutdownTimeout);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
        services.AddSingleton(RunHistories.For(jobs, warehouse.Path, TimeProvider.System));
        services.AddSingleton<PipelineServices>();
        addSteps(services, configuration);

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "analytics";
                if (jobs.InstanceId is { Length: > 0 } id)
                    s.InstanceId = id;
                s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UseDefaultThreadPool(Math.Max(1, jobs.Concurrency));
            if (jobs.PostgreSql is { Length: > 0 } connectionString)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = jobs.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = jobs.ClusterCheckinInterval;
                    });
                    store.ProvisionSchema();
                    store.ConfigureStore(o => o.RecoverFiringsCancelledByShutdown = true);
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<ScheduleSetupService>();
        return builder.Build();
    }
}
