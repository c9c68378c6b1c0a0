using System.Text.Json;
using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Telnyx;

/// <summary>Telnyx detail records: one <c>message_detail_record</c> per SMS, one voice record per call.</summary>
internal static class DetailRecordWriter
{
    private static readonly string[] Carriers = ["T-Mobile USA", "AT&T Wireless", "Verizon Wireless", "Rogers", "Vodafone", "Orange"];

    public static void WriteMessage(Utf8JsonWriter w, SmsFact sms)
    {
        var rng = sms.Rng;
        w.WriteStartObject();
        w.WriteString("record_type", "message_detail_record");
        w.WriteString("uuid", rng.Uuid());
        w.WriteString("created_at", Format.Iso(sms.CreatedMs));
        w.WriteString("sent_at", Format.Iso(sms.CreatedMs + 350 + rng.Next(900)));
        w.WriteString("completed_at", Format.Iso(sms.CreatedMs + 2000 + rng.Next(8000)));
        w.WriteString("updated_at", Format.Iso(sms.CreatedMs + 10_000));
        w.WriteString("cli", sms.Inbound ? sms.Remote : sms.Ours);
        w.WriteString("cld", sms.Inbound ? sms.Ours : sms.Remote);
        w.WriteString("direction", sms.Inbound ? "inbound" : "outbound");
        w.WriteString("message_type", "SMS");
        w.WriteNumber("parts", sms.Parts);
        w.WriteString("status", sms.Status switch
        {
            SmsStatus.Received => "received",
            SmsStatus.Failed => rng.Chance(0.5) ? "failed" : "gw_reject",
            _ => "delivered",
        });
        w.WriteString("country_code", sms.Country.Iso);
        w.WriteString("rate", Format.Money4(sms.Rate));
        w.WriteString("cost", Format.Money4(sms.Cost));
        w.WriteString("currency", sms.Currency);
        w.WriteString("carrier", rng.Pick(Carriers));
        // Documented as a decimal string on top of cost; sent only when a carrier charged one ([sandbox]).
        if (sms.CarrierFee != 0m)
            w.WriteString("carrier_fee", Format.Money4(sms.CarrierFee));
        w.WriteString("profile_name", sms.Inbound ? "inbound-default" : "notifications");
        w.WriteEndObject();
    }

    public static void WriteCall(Utf8JsonWriter w, CallFact call)
    {
        var rng = call.Rng;
        var type = call.Feed switch
        {
            Feed.TelnyxCallControl => "call_control_detail_record",
            Feed.TelnyxSipTrunking => "sip_trunking_detail_record",
            _ => "webrtc_detail_record",
        };
        var cli = call.Inbound ? call.Remote : call.Ours;
        var cld = call.Inbound ? call.Ours : call.Remote;
        w.WriteStartObject();
        w.WriteString("record_type", type);
        w.WriteString("id", rng.Uuid());
        w.WriteString("call_id", rng.Uuid());
        w.WriteString("direction", call.Inbound ? "inbound" : "outbound");
        w.WriteString("cli", cli);
        w.WriteString("cld", cld);
        w.WriteString("caller_number", cli);
        w.WriteString("dest_number", cld);
        // [sandbox] a voice record is created when its call starts: filter[created_at] selects voice records by it.
        w.WriteString("created_at", Format.Iso(call.StartMs));
        w.WriteString("started_at", Format.Iso(call.StartMs));
        if (call.Answered)
            w.WriteString("answered_at", Format.Iso(call.AnswerMs));
        else
            w.WriteNull("answered_at");
        w.WriteString(call.Feed == Feed.TelnyxSipTrunking ? "ended_at" : "finished_at", Format.Iso(call.EndMs));
        w.WriteNumber("call_sec", call.TalkSeconds);
        w.WriteNumber("billed_sec", call.BilledSeconds);
        w.WriteString("rate", Format.Money4(call.Rate));
        w.WriteString("cost", Format.Money4(call.Cost));
        w.WriteString("currency", call.Currency);
        w.WriteNumber("country_code", call.Country.DialCodeInt);
        w.WriteString("hangup_cause", call.Outcome switch
        {
            Outcome.Answered => "normal_clearing",
            Outcome.Busy => "user_busy",
            Outcome.NoAnswer => "no_answer",
            Outcome.Congestion => "normal_temporary_failure",
            _ => "call_rejected",
        });
        w.WriteString("connection_name", Connection(call));
        w.WriteEndObject();
    }

    // The connection decides the billing currency: EUR ones are the European trunks.
    private static string Connection(CallFact call) => (call.Feed, call.Currency) switch
    {
        (Feed.TelnyxSipTrunking, "EUR") => "eu-sip-paris",
        (Feed.TelnyxSipTrunking, _) => "us-sip-main",
        (Feed.TelnyxCallControl, "EUR") => "voice-api-eu",
        (Feed.TelnyxCallControl, _) => "voice-api-us",
        (_, "EUR") => "webrtc-agents-eu",
        _ => "webrtc-agents",
    };
}
