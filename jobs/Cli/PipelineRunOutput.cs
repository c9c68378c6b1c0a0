using Analytics.Pipeline;
using Analytics.Pipeline.Steps;

namespace Analytics.Jobs.Cli;

/// <summary>What <c>run</c> and <c>demo</c> print about a pipeline run: the loads, the report and the email.</summary>
internal static class PipelineRunOutput
{
    public static void Print(TextWriter output, PipelineRunResult result)
    {
        foreach (var feed in result.Loaded.ByFeed())
            output.WriteLine($"load {feed.Source}/{feed.Feed}: {feed.Describe()}");

        output.WriteLine(result.Report.Report is { } report ? $"report: {report.Html}" : $"report: {result.Report.Result}");
        output.WriteLine($"email: {Email(result.Email)}");
    }

    public static string Email(StepResult email) => email.Outcome switch
    {
        StepOutcome.Succeeded => email.Cause ?? "sent",
        StepOutcome.Skipped => email.Cause ?? "skipped",
        _ => $"failed: {email.Cause}",
    };
}
