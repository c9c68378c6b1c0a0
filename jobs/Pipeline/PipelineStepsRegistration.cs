using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Jobs.Pipeline;

/// <summary>Where <c>analytics serve</c> gets its steps: the real ingest clients, loads, reports and email.</summary>
internal static class PipelineStepsRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IPipelineSteps>(sp => new ProductPipelineSteps(
            configuration, sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
}
