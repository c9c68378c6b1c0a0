using Analytics.Jobs.Configuration;
using Analytics.Jobs.Pipeline;
using Analytics.Jobs.Scheduling;
using Analytics.Jobs.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// Entry point when the test assembly is started as a separate scheduler node:
/// <c>dotnet Analytics.Jobs.Tests.dll node NAME LOGFILE SCRIPT key=value…</c>. It runs the real
/// <see cref="ServeHost"/> of <c>analytics serve</c> with <see cref="RecordingPipelineSteps"/>, so a test can
/// kill a real process mid-step. (The real steps are not on this branch; the product binary has no
/// test steps to select, so the node is hosted here.)
/// </summary>
public static class NodeProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["node", var name, var logFile, var script, .. var settings])
        {
            await Console.Error.WriteLineAsync("usage: node NAME LOGFILE SCRIPT key=value...");
            return 2;
        }

        var overrides = settings.Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var configuration = AppConfiguration.Build(null, overrides);
        using var host = ServeHost.Build(configuration, (services, _) =>
            services.AddSingleton<IPipelineSteps>(new RecordingPipelineSteps(name, logFile, script)));
        await host.RunAsync();
        return 0;
    }
}
