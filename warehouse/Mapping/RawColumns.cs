namespace Analytics.Warehouse.Mapping;

/// <summary>The provider fields each raw table keeps (as in <c>schema.sql</c>), in table order.</summary>
internal static class RawColumns
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByTable { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["raw_televoips_cdrs"] = ["calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield", "did", "recordingfile", "cnum", "cnam", "outbound_cnum", "outbound_cnam", "dst_cnam", "linkedid", "peeraccount", "sequence"],
        ["raw_telnyx_detail_records"] = ["record_type", "id", "uuid", "call_id", "direction", "cli", "cld", "caller_number", "dest_number", "created_at", "sent_at", "completed_at", "updated_at", "started_at", "answered_at", "finished_at", "ended_at", "call_sec", "billed_sec", "message_type", "parts", "status", "country_code", "rate", "cost", "currency", "carrier", "profile_name", "hangup_cause", "connection_name", "carrier_fee"],
        ["raw_callr_cdr_in"] = ["callid", "cli_pres", "cli_number", "cli_name", "start", "answer", "hangup", "hangupsource", "hangupcause", "duration", "duration_answered", "duration_billed", "billing_customer_cost_label", "billing_customer_debit_eur", "billing_customer_credit_eur", "scenario_name", "scenario_hash", "package_name", "customer_field", "did_intl_number", "did_hash", "cli_country_code", "cli_number_type"],
        ["raw_callr_cdr_out"] = ["callid", "cli_pres", "cli_number", "cli_name", "start", "answer", "hangup", "hangupsource", "hangupcause", "duration", "duration_answered", "duration_billed", "billing_customer_cost_label", "billing_customer_debit_eur", "billing_customer_credit_eur", "scenario_name", "scenario_hash", "package_name", "customer_field", "callid_in", "number", "number_country_code", "number_type", "dialstatus"],
        ["raw_callr_sms_in"] = ["type", "hash", "from", "to", "text", "parts", "status", "status_error", "b_customer_mode", "b_customer_debit", "date_creation", "date_update", "date_sent", "date_received", "options"],
        ["raw_callr_sms_out"] = ["type", "hash", "from", "to", "text", "parts", "status", "status_error", "b_customer_mode", "b_customer_debit", "date_creation", "date_update", "date_sent", "date_received", "options"],
        ["raw_telgorithm_inbound_messages"] = ["sid", "from", "to", "text", "mediaUrls", "createdOn", "segmentCount", "fees"],
        ["raw_telgorithm_outbound_messages"] = ["sid", "from", "to", "text", "createdOn", "carrier", "status", "errorCode", "errorDescription", "segmentCount", "mediaUrls", "expiresOn", "fees"],
        ["raw_telgorithm_calls"] = ["legSid", "callSid", "from", "to", "status", "callDirection", "legDirection", "duration", "createdOn", "startedOn", "rangOn", "answeredOn", "completedOn", "fees"],
    };

    public static IReadOnlyList<string> Of(string table) => ByTable[table];
}
