using System.CommandLine;

namespace Analytics.Jobs.Cli;

/// <summary>The list of subcommands. One line per command; each command's file owns its options and action.</summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return RunCommand.Create();
        yield return LoadCommand.Create();
        yield return LandCommand.Create();
        yield return ExportCommand.Create();
        yield return IngestCommand.Create();
        yield return QueryCommand.Create();
        yield return SandboxCommand.Create();
        yield return ReportCommand.Create();
        yield return ServeCommand.Create();
        yield return EmailCommand.Create();
        yield return StatusCommand.Create();
    }
}
