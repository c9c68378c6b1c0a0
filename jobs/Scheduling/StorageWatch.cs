using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// Watches the job store while <c>serve</c> runs. An outage is one warning line per check, with exponential
/// backoff ("job store unreachable (127.0.0.1:5432), retrying in 8 s"), and one line when it answers again;
/// Hangfire's own failure logs (a stack trace a second) are kept to Debug.
/// </summary>
internal sealed class StorageWatch(StorageProbe probe, ILogger<StorageWatch> log, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var down = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var failure = await probe.FailureAsync(stoppingToken);
            TimeSpan wait;
            if (failure is null)
            {
                if (down)
                    log.LogWarning("job store {Address} answers again", probe.Address);
                down = false;
                backoff = TimeSpan.FromSeconds(1);
                wait = Healthy;
            }
            else
            {
                down = true;
                wait = backoff;
                log.LogWarning("job store unreachable ({Address}), retrying in {Seconds} s", probe.Address, wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
