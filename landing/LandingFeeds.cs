namespace Analytics.Landing;

/// <summary>
/// Source and feed names of the landing zone and what each payload file holds (stored as received,
/// decompressed; one day folder per UTC day, TeleVoIPs: per export date).
/// <list type="bullet">
/// <item><c>televoips/cdrs/&lt;day&gt;/cdrs_yyyy-MM-dd.csv</c>: the export CSV exactly as downloaded (header row,
/// FreePBX columns; map them by header name). Records = data rows.</item>
/// <item><c>telnyx/&lt;record type&gt;/&lt;day&gt;/page-0001.json</c> …: the whole response envelope
/// <c>{"data":[…],"meta":{…}}</c> of each page, pages 1…<c>meta.total_pages</c>. A day with no records still lands
/// page 1 (empty <c>data</c>, <c>total_pages</c> 0).</item>
/// <item><c>callr/{cdr_in|cdr_out|sms_in|sms_out}/&lt;day&gt;/result.json</c>: the whole JSON-RPC response as received,
/// <c>{"jsonrpc":"2.0","id":N,"result":[…]}</c>, one per day (window <c>00:00:00</c>…<c>23:59:59</c> UTC); the records are
/// the <c>result</c> array (possibly empty). A response with <c>error</c> is never landed. The manifest url is the endpoint
/// with a fragment naming method and window, e.g. <c>…/json-rpc/v1.1/#cdr.get(IN,2026-11-21 00:00:00,2026-11-21 23:59:59)</c>.</item>
/// <item><c>telgorithm/{inbound_messages|outbound_messages|calls}/&lt;day&gt;/page-0001.json</c> …: the whole
/// envelope <c>{"items":[…],"searchId":…}</c> of each page.</item>
/// <item><c>telnyx/{mdr_usage|cdr_usage}/&lt;day&gt;/report.json</c> and <c>callr/{calls_summary|sms_summary}/&lt;day&gt;/report.json</c>:
/// the providers' own totals of the day, whole, as <see cref="ProviderTotals"/> describes (not listed in <see cref="BySource"/>).</item>
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
