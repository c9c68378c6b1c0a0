using Analytics.Pipeline.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// Guarantees the exit bound: once shutdown starts, the process ends within <c>Jobs:ShutdownTimeout</c> + 5 s,
/// even when the job store does not answer and Hangfire keeps waiting for it. Jobs cut off here were not
/// acknowledged, so the store hands them to the next node (idempotent steps make the re-run harmless).
/// </summary>
internal sealed class ShutdownBound(IHostApplicationLifetime lifetime, AnalyticsSettings settings, ILogger<ShutdownBound> log) : IHostedService, IDisposable
{
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            var bound = settings.Jobs.ShutdownTimeout + TimeSpan.FromSeconds(4);
            log.LogInformation("stopping: running steps stop at their next checkpoint (at most {Seconds} s)", settings.Jobs.ShutdownTimeout.TotalSeconds);
            _timer = new Timer(_ =>
            {
                log.LogWarning("shutdown still waiting after {Seconds} s (job store unreachable?); exiting now", bound.TotalSeconds);
                Environment.Exit(1);
            }, null, bound, Timeout.InfiniteTimeSpan);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host disposes its services only once shutdown finished in time: the bound no longer applies then.
    public void Dispose() => _timer?.Dispose();
}
