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

    /// <summary>TeleVoIPs' CSV download carries one extra row (line 2) with the wrong number of fields [malformed_row].</summary>
    MalformedRow,

    /// <summary>
    /// Telnyx: the answer is as it was before the day's last <see cref="FaultRule.HiddenRecords"/> records existed, so a
    /// later, unfaulted page reports a larger total, as a provider still receiving the day's records does [growing_total].
    /// </summary>
    GrowingTotal,

    /// <summary>Telnyx serves page 1's and page 2's data in turn, claiming <see cref="FaultRule.ClaimedPages"/> pages [alternating_pages].</summary>
    AlternatingPages,

    /// <summary>Telnyx serves pages with no data, claiming <see cref="FaultRule.ClaimedPages"/> pages [empty_pages].</summary>
    EmptyPages,

    /// <summary>Telgorithm hands back a new searchId on every page that serves the same records again [fresh_cursors].</summary>
    FreshCursors,

    /// <summary>
    /// CALLR answers <see cref="FaultRule.CallrCall"/> (e.g. <c>cdr.get OUT</c>; null: every call) with a JSON-RPC error of
    /// <see cref="FaultRule.ErrorCode"/> and <see cref="FaultRule.ErrorMessage"/> (null: an error with no message) [feed_error].
    /// </summary>
    FeedError,

    /// <summary>CALLR adds <c>"error": null</c> beside a valid <c>result</c> [null_error].</summary>
    NullErrorField,

    /// <summary>
    /// Every covered request waits <see cref="FaultRule.Delay"/> before it is answered; unlike the other kinds it adds to
    /// whatever other rule answers the request [latency].
    /// </summary>
    Latency,

    /// <summary>
    /// Telnyx usage reports and CALLR analytics summaries state every amount off by <see cref="FaultRule.Skew"/>, as a
    /// provider whose own totals disagree with its detail records does; other requests are answered as usual [totals_skew].
    /// </summary>
    TotalsSkew,
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

    /// <summary>Records of the day a <see cref="FaultKind.GrowingTotal"/> answer does not know yet. Default 20.</summary>
    public int HiddenRecords { get; init; } = 20;

    /// <summary><c>meta.total_pages</c> claimed by <see cref="FaultKind.AlternatingPages"/> and <see cref="FaultKind.EmptyPages"/>. Default 1,000,000.</summary>
    public int ClaimedPages { get; init; } = 1_000_000;

    /// <summary>The CALLR call a <see cref="FaultKind.FeedError"/> fails, as <c>method TYPE</c> (<c>cdr.get OUT</c>); null: all. Default null.</summary>
    public string? CallrCall { get; init; }

    /// <summary>JSON-RPC error code of <see cref="FaultKind.FeedError"/>. Default -32603.</summary>
    public int ErrorCode { get; init; } = -32603;

    /// <summary>JSON-RPC error message of <see cref="FaultKind.FeedError"/>; null sends an error object with no message. Default "Internal error".</summary>
    public string? ErrorMessage { get; init; } = "Internal error";

    /// <summary>How far off the amounts of a <see cref="FaultKind.TotalsSkew"/> answer are, as a fraction (0.02 = 2 % more). Default 0.02.</summary>
    public decimal Skew { get; init; } = 0.02m;
}
