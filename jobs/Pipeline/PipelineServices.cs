using Analytics.Jobs.History;
using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Pipeline;

/// <summary>What every pipeline job needs, injected as one object so job constructors stay small.</summary>
internal sealed record PipelineServices(
    IPipelineSteps Steps,
    IRunHistory History,
    PipelineSettings Settings,
    TimeProvider Time,
    ILoggerFactory Logging);
