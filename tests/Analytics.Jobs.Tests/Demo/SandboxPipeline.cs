using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Pipeline;
using Analytics.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Jobs.Tests.Demo;

/// <summary>The real pipeline (ingest over HTTP, landing, load, report, no email) over every day a sandbox serves, as <c>demo</c> runs it.</summary>
internal static class SandboxPipeline
{
    /// <param name="reset">Start from an empty folder (and write the sandbox's rate deck); false runs again over what is there.</param>
    public static async Task<(PipelineRunResult Result, DemoSetup Setup)> RunAsync(SandboxHost sandbox, string folder, bool reset = true)
    {
        var setup = new DemoSetup(folder);
        if (reset)
        {
            setup.Reset();
            await sandbox.WriteRateDeckAsync(setup.Rates);
        }

        var settings = AppConfiguration.Settings(configFile: null, setup.Overrides(sandbox));
        await TeleVoipsEdgeDays.FetchAsync(sandbox, settings, NullLoggerFactory.Instance, _ => { }, CancellationToken.None);
        var result = await new PipelineRun(settings, NullLoggerFactory.Instance, TimeProvider.System)
            .RunAsync(sandbox.FirstDay, sandbox.LastDay, IngestRunner.SourceNames, email: false, null, _ => { }, CancellationToken.None);
        return (result, setup);
    }
}
