namespace Analytics.Ingest;

/// <summary>Provider endpoints and credentials. Configuration section <c>Sources</c>.</summary>
public sealed record SourcesOptions
{
    public const string Section = "Sources";

    public TeleVoipsOptions TeleVoips { get; init; } = new();
    public TelnyxOptions Telnyx { get; init; } = new();
    public CallrOptions Callr { get; init; } = new();
    public TelgorithmOptions Telgorithm { get; init; } = new();
}

/// <summary><c>Sources:TeleVoips</c>.</summary>
public sealed record TeleVoipsOptions
{
    /// <summary>Default <c>https://api.televoips.com</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.televoips.com";

    /// <summary>Sent as <c>x-api-key</c>. Absent: the source is skipped.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Header carrying <see cref="ApiKey"/>: <c>x-api-key</c> (default, as in the provider's Postman collection) or
    /// <c>Authorization</c> (the raw token without scheme, as an older client does).
    /// </summary>
    public string AuthHeader { get; init; } = "x-api-key";

    /// <summary>
    /// <c>auto</c> (default): a call's UTC start is the epoch its Asterisk <c>uniqueid</c> starts with, when that is within
    /// 26 h of <c>calldate</c>, else <c>calldate</c> read as UTC. Or the IANA zone <c>calldate</c> (PBX local time) is read in.
    /// </summary>
    public string TimeZone { get; init; } = "auto";

    /// <summary>
    /// ISO 3166 region whose national numbers the PBX sends (<c>"did": "3525932093"</c>): they become E.164 from it, and the
    /// remote party's country is libphonenumber's. Default <c>US</c>.
    /// </summary>
    public string HomeCountry { get; init; } = "US";

    /// <summary>Wait between polls while the export answers 202. Default 30 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Give up on an export still 202 after this long since its first poll. Default 2 h.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Requests in flight at most (days in parallel). Default 1.</summary>
    public int Concurrency { get; init; } = 1;
}

/// <summary><c>Sources:Telnyx</c>.</summary>
public sealed record TelnyxOptions
{
    /// <summary>Default <c>https://api.telnyx.com/v2</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.telnyx.com/v2";

    /// <summary>Sent as <c>Authorization: Bearer</c>. Absent: the source is skipped.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The record types pulled when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultRecordTypes = ["messaging", "call-control", "sip-trunking", "webrtc"];

    /// <summary>
    /// Detail record types to pull; null means <see cref="DefaultRecordTypes"/>. Nullable on purpose: the
    /// configuration binder appends to a non-null default list instead of replacing it.
    /// </summary>
    public IReadOnlyList<string>? RecordTypes { get; init; }

    /// <summary>The record types to pull: the configured ones, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveRecordTypes => RecordTypes is { Count: > 0 } configured ? configured : DefaultRecordTypes;

    /// <summary>Requests in flight at most, over all record types and days (pages after page 1 are numbered, so fetched in parallel). Default 8.</summary>
    public int Concurrency { get; init; } = 8;
}

/// <summary><c>Sources:Callr</c>.</summary>
public sealed record CallrOptions
{
    /// <summary>Default <c>https://api.callr.com/json-rpc/v1.1/</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.callr.com/json-rpc/v1.1/";

    /// <summary>Sent as <c>Authorization: Api-Key</c>. Absent: the source is skipped.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// The account's billing currency, <c>EUR</c> (default) or <c>USD</c>: that of SMS <c>b_customer_debit</c>. CDR amounts
    /// are named <c>…_eur</c> and are EUR whatever it is.
    /// </summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Requests in flight at most, over all feeds and days (one request per feed and day). Default 4.</summary>
    public int Concurrency { get; init; } = 4;
}

/// <summary><c>Sources:Telgorithm</c>.</summary>
public sealed record TelgorithmOptions
{
    /// <summary>Default <c>https://api.telgorithm.com/messaging</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.telgorithm.com/messaging";

    /// <summary>Basic auth user. Absent: the source is skipped.</summary>
    public string? Username { get; init; }

    /// <summary>Basic auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Currency of the fees Telgorithm reports without one. Default <c>USD</c>.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Requests in flight at most, over all feeds and days (paging is a cursor, so one day's pages come one by one). Default 1.</summary>
    public int Concurrency { get; init; } = 1;
}
