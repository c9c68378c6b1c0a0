namespace Analytics.Jobs.Progress;

/// <summary>One observation of a stage's progress: "telnyx / fetch: 12 pages, 600 records".</summary>
internal sealed record StageUpdate(string Source, string Stage, long Done, string Unit, long? Total = null, string? Detail = null);

/// <summary>Where long-running commands report progress; a live display on a terminal, log lines otherwise.</summary>
internal interface IPipelineProgress : IProgress<StageUpdate>
{
    /// <summary>A one-off line (a skipped source, a warning) that must not be lost in the live display.</summary>
    void Note(string line);
}
