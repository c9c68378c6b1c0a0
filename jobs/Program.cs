using System.CommandLine;
using Analytics.Jobs;

var root = new RootCommand("Analytics: call and SMS detail records from telephony providers into DuckDB, reports and email.");
root.Options.Add(Analytics.Jobs.Cli.CommonOptions.Config);

// Each command lives in jobs/Cli/<Name>Command.cs and is registered there.
foreach (var command in Analytics.Jobs.Cli.Commands.All())
    root.Subcommands.Add(command);

try
{
    // Failures must reach the handlers below as one line, not System.CommandLine's stack-trace handler.
    // Ctrl+C/SIGTERM cancel the command's token; System.CommandLine's default then ends the process after
    // 2 s, which would cut `serve`'s graceful shutdown (Jobs:ShutdownTimeout, default 30 s) short.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
    });
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
    return 1;
}
catch (Analytics.Pipeline.Settings.SettingsException ex)
{
    await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("analytics: cancelled");
    return 130;
}
catch (Exception ex) when (Environment.GetEnvironmentVariable("ANALYTICS_TRACE") is null)
{
    // Library exceptions (DuckDB, HTTP, IO) carry a useful message; the stack trace is for developers.
    await Console.Error.WriteLineAsync($"analytics: {ex.GetType().Name}: {ex.Message} (set ANALYTICS_TRACE=1 for the stack trace)");
    return 1;
}
