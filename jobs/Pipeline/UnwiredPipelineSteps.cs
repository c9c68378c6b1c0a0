using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// Where <c>analytics serve</c> gets its steps. The integrator replaces the registration below with the
/// implementation over the real ingest clients, warehouse loads, report generator and email sender.
/// </summary>
internal static class PipelineStepsRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IPipelineSteps, UnwiredPipelineSteps>();
}

/// <summary>Stands in until the real steps are wired: every step fails permanently, saying so, and is not retried.</summary>
internal sealed class UnwiredPipelineSteps : IPipelineSteps
{
    public Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken) => throw NotWired($"{source}: ingest");

    public Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken) => throw NotWired($"{source}: load");

    public Task<ReportOutcome> ReportAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) => throw NotWired("report");

    public Task<StepResult> EmailAsync(ReportOutcome report, CancellationToken cancellationToken) => throw NotWired("email");

    private static PermanentStepException NotWired(string step) => new($"{step}: pipeline step not wired into this build");
}
