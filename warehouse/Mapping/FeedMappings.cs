using Analytics.Warehouse.Reference;

namespace Analytics.Warehouse.Mapping;

/// <summary>Settings that change how rows map (from configuration).</summary>
/// <param name="TeleVoipsTimeZone">
/// <c>Sources:TeleVoips:TimeZone</c>: <c>auto</c> (default: the UTC start from the <c>uniqueid</c> epoch, see <see cref="TeleVoipsClock"/>)
/// or the IANA zone <c>calldate</c> is read in.
/// </param>
/// <param name="TelgorithmCurrency">Currency of Telgorithm fees (<c>Sources:Telgorithm:Currency</c>, default USD).</param>
/// <param name="RateDeckPath">TeleVoIPs rate deck CSV (<c>Rates:Path</c>); null leaves TeleVoIPs calls unpriced.</param>
/// <param name="CallrCurrency">
/// The CALLR account's billing currency, that of SMS <c>b_customer_debit</c> (<c>Sources:Callr:Currency</c>, default EUR).
/// CDR amounts are named <c>…_eur</c> and stay EUR whatever it is.
/// </param>
/// <param name="TeleVoipsHomeCountry">
/// ISO 3166 region the TeleVoIPs PBX dials national numbers in (<c>Sources:TeleVoips:HomeCountry</c>, default US): a
/// ten-digit <c>3525932093</c> is <c>+13525932093</c> there.
/// </param>
public sealed record MappingSettings(string TeleVoipsTimeZone = TeleVoipsClock.Auto, string TelgorithmCurrency = "USD", string? RateDeckPath = null, string CallrCurrency = "EUR",
    string TeleVoipsHomeCountry = "US");

/// <summary>The mapping of every known source/feed.</summary>
internal static class FeedMappings
{
    /// <summary>The region Telnyx's and Telgorithm's bare numbers are read in (their mappings pass it as an_e164's home).</summary>
    private const string UsNumbers = "US";

    public static FeedMapping? For(string source, string feed, MappingSettings settings) => (source, feed) switch
    {
        ("televoips", "cdrs") => TeleVoips(settings),
        ("telnyx", _) => new FeedMapping(source, feed, "raw_telnyx_detail_records", PayloadShape.JsonEnvelope, "data",
            "telnyx_detail_records", new Dictionary<string, string>()),
        ("callr", "cdr_in") => CallrCdr(feed, "IN",
            caller: "an_e164(r.cli_number, NULL)", callee: "an_e164(r.did_intl_number, NULL)", did: "an_e164(r.did_intl_number, NULL)",
            remote: "an_e164(r.cli_number, NULL)", iso: "upper(nullif(an_trim(r.cli_country_code), ''))", dialstatus: "NULL"),
        ("callr", "cdr_out") => CallrCdr(feed, "OUT",
            caller: "an_e164(r.cli_number, NULL)", callee: "an_e164(r.number, NULL)", did: "CAST(NULL AS VARCHAR)",
            remote: "an_e164(r.number, NULL)", iso: "upper(nullif(an_trim(r.number_country_code), ''))", dialstatus: "r.dialstatus"),
        ("callr", "sms_in") => CallrSms(feed, "IN", settings),
        ("callr", "sms_out") => CallrSms(feed, "OUT", settings),
        ("telgorithm", "inbound_messages") => TelgorithmMessages(feed, "IN", "'RECEIVED'", settings),
        ("telgorithm", "outbound_messages") => TelgorithmMessages(feed, "OUT", "upper(nullif(an_trim(r.status), ''))", settings),
        ("telgorithm", "calls") => new FeedMapping(source, feed, "raw_telgorithm_calls", PayloadShape.JsonEnvelope, "items",
            "telgorithm_calls", new Dictionary<string, string> { ["currency"] = SqlTemplates.Literal(settings.TelgorithmCurrency) }, ["call_legs"]),
        _ => null,
    };

    private static FeedMapping TeleVoips(MappingSettings settings)
    {
        var priced = settings.RateDeckPath is not null;
        var rates = priced
            ? SqlTemplates.Get("rates").Replace("{{path}}", SqlTemplates.Literal(Path.GetFullPath(settings.RateDeckPath!)), StringComparison.Ordinal)
            : """
              CREATE OR REPLACE TEMP TABLE an_rate_deck AS SELECT CAST(NULL AS VARCHAR) AS currency WHERE false;
              CREATE OR REPLACE TEMP TABLE an_rates_key AS SELECT 1 AS max_prefix;
              CREATE OR REPLACE TEMP TABLE an_rates AS
              SELECT CAST(NULL AS VARCHAR) AS digits, CAST(NULL AS DECIMAL(18, 6)) AS rate_per_minute,
                     CAST(NULL AS VARCHAR) AS currency, CAST(NULL AS INTEGER) AS increment_s WHERE false;
              """;
        return new FeedMapping("televoips", "cdrs", "raw_televoips_cdrs", PayloadShape.Csv, null, "televoips_cdrs",
            new Dictionary<string, string>
            {
                ["start_utc"] = TeleVoipsClock.StartSql(settings.TeleVoipsTimeZone, "t"),
                ["home"] = SqlTemplates.Literal(HomeCountry.Normalize(settings.TeleVoipsHomeCountry)),
                ["priced"] = priced ? "true" : "false",
                ["rates"] = rates,
                ["deck_currency"] = "(SELECT min(currency) FROM an_rate_deck)",
                ["in_contexts"] = TeleVoipsRules.Pattern(TeleVoipsRules.InboundContexts),
                ["out_contexts"] = TeleVoipsRules.Pattern(TeleVoipsRules.OutboundContexts),
            }) { HomeRegions = [UsNumbers, settings.TeleVoipsHomeCountry] };
    }

    private static FeedMapping CallrCdr(string feed, string dir, string caller, string callee, string did, string remote, string iso, string dialstatus) =>
        new("callr", feed, "raw_callr_" + feed, PayloadShape.JsonEnvelope, "result", "callr_cdr", new Dictionary<string, string>
        {
            ["table"] = "raw_callr_" + feed,
            ["feed"] = feed,
            ["dir"] = dir,
            ["caller"] = caller,
            ["callee"] = callee,
            ["did"] = did,
            ["remote"] = remote,
            ["iso"] = iso,
            ["dialstatus"] = dialstatus,
        });

    private static FeedMapping CallrSms(string feed, string dir, MappingSettings settings) =>
        new("callr", feed, "raw_callr_" + feed, PayloadShape.JsonEnvelope, "result", "callr_sms", new Dictionary<string, string>
        {
            ["table"] = "raw_callr_" + feed,
            ["feed"] = feed,
            ["dir"] = dir,
            ["currency"] = SqlTemplates.Literal(settings.CallrCurrency),
        });

    private static FeedMapping TelgorithmMessages(string feed, string dir, string status, MappingSettings settings) =>
        new("telgorithm", feed, "raw_telgorithm_" + feed, PayloadShape.JsonEnvelope, "items", "telgorithm_messages", new Dictionary<string, string>
        {
            ["table"] = "raw_telgorithm_" + feed,
            ["feed"] = feed,
            ["dir"] = dir,
            ["status"] = status,
            ["currency"] = SqlTemplates.Literal(settings.TelgorithmCurrency),
        });
}
