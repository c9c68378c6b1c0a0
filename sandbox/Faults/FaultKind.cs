namespace Analytics.Sandbox;

/// <summary>The four simulated providers.</summary>
public enum SandboxProvider
{
    TeleVoips,
    Telnyx,
    Callr,
    Telgorithm,
}

/// <summary>What a faulty answer looks like. JSON names (admin endpoint) are in brackets.</summary>
public enum FaultKind
{
    /// <summary>429 with Retry-After (Telnyx adds x-ratelimit-*, Telgorithm RateLimit-*) [rate_limit].</summary>
    RateLimit,

    /// <summary>500 [status_500].</summary>
    InternalServerError,

    /// <summary>502 [status_502].</summary>
    BadGateway,

    /// <summary>503 with Retry-After [status_503].</summary>
    ServiceUnavailable,

    /// <summary>Waits <see cref="FaultRule.Delay"/> (or until the client gives up), then answers normally [slow].</summary>
    Slow,

    /// <summary>Writes part of the body, then aborts the connection [truncated_body].</summary>
    TruncatedBody,

    /// <summary>Aborts the connection before any byte [connection_reset].</summary>
    ConnectionReset,

    /// <summary>Telnyx serves the previous page's data; Telgorithm hands back the same searchId [repeated_page].</summary>
    RepeatedPage,

    /// <summary>TeleVoIPs answers 202 processing forever [export_never_ready].</summary>
    ExportNeverReady,
}

/// <summary>
/// A fault for some requests to one provider. <see cref="Requests"/> are 1-based and counted from the moment the
/// rule is added (so "3, 4" = the third and fourth request to that provider after adding it); null = all of them.
/// </summary>
public sealed record FaultRule(SandboxProvider Provider, FaultKind Kind)
{
    /// <summary>Which requests (1-based, relative to when the rule was added); null = every request. Default null.</summary>
    public IReadOnlyList<int>? Requests { get; init; }

    /// <summary>Retry-After / reset seconds for 429 and 503. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Delay of <see cref="FaultKind.Slow"/>. Default 30 s.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes sent before a <see cref="FaultKind.TruncatedBody"/> cut (at most half the body). Default 64.</summary>
    public int CutAfterBytes { get; init; } = 64;

    /// <summary>Truncated body declares the full Content-Length (else chunked). Default true.</summary>
    public bool DeclareContentLength { get; init; } = true;
}
