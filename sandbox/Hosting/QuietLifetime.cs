using Microsoft.Extensions.Hosting;

namespace Analytics.Sandbox.Hosting;

/// <summary>
/// Replaces the console lifetime: the sandbox runs inside other processes (tests, `analytics demo`), so it must
/// not take over their Ctrl+C / SIGTERM. Whoever owns the process stops the host by disposing it.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
