namespace Analytics.Warehouse.Landing;

/// <summary>
/// Source and feed names of the landing zone and what each payload file holds (stored as received,
/// decompressed; one day folder per UTC day, TeleVoIPs: per export date).
/// <list type="bullet">
/// <item><c>televoips/cdrs/&lt;day&gt;/cdrs_yyyy-MM-dd.csv</c>: the export CSV exactly as downloaded (header row,
/// FreePBX columns; map them by header name). Records = data rows.</item>
/// <item><c>telnyx/&lt;record type&gt;/&lt;day&gt;/page-0001.json</c> …: the whole response envelope
/// <c>{"data":[…],"meta":{…}}</c> of each page. A day with no records has a manifest with zero files.</item>
/// <item><c>callr/{cdr_in|cdr_out|sms_in|sms_out}/&lt;day&gt;/result.json</c>: the JSON-RPC <c>result</c> member only,
/// i.e. a bare JSON array of CDR or SMS objects (possibly <c>[]</c>), byte-for-byte as it appeared in the
/// response (the envelope carries nothing else worth keeping; the url field records method and window).</item>
/// <item><c>telgorithm/{inbound_messages|outbound_messages|calls}/&lt;day&gt;/page-0001.json</c> …: the whole
/// envelope <c>{"items":[…],"searchId":…}</c> of each page.</item>
/// </list>
/// </summary>
public static class LandingFeeds
{
    public const string TeleVoips = "televoips";
    public const string Telnyx = "telnyx";
    public const string Callr = "callr";
    public const string Telgorithm = "telgorithm";

    /// <summary>Feeds per source (Telnyx: the default record types; configuration may narrow them).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BySource { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [TeleVoips] = ["cdrs"],
        [Telnyx] = ["messaging", "call-control", "sip-trunking", "webrtc"],
        [Callr] = ["cdr_in", "cdr_out", "sms_in", "sms_out"],
        [Telgorithm] = ["inbound_messages", "outbound_messages", "calls"],
    };
}
