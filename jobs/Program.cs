using System.CommandLine;
using Analytics.Jobs;

var root = new RootCommand("Analytics: call and SMS detail records from telephony providers into DuckDB, reports and email.");
root.Options.Add(Analytics.Jobs.Cli.CommonOptions.Config);

// Each command lives in jobs/Cli/<Name>Command.cs and is registered here.
foreach (var command in Analytics.Jobs.Cli.Commands.All())
    root.Subcommands.Add(command);

try
{
    // Ctrl+C/SIGTERM cancel the command's token; System.CommandLine's default then ends the process after
    // 2 s, which would cut `serve`'s graceful shutdown (Jobs:ShutdownTimeout, default 30 s) short.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
    return 1;
}
