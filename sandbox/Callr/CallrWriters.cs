using System.Globalization;
using System.Text.Json;
using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Callr;

/// <summary>CALLR v1.1 CDR and SMS objects (money in EUR cents as strings, UTC "YYYY-MM-DD HH:MM:SS").</summary>
internal static class CallrWriters
{
    public const string ZeroDate = "0000-00-00 00:00:00";

    public static void WriteCdr(Utf8JsonWriter w, CallFact call)
    {
        var rng = call.Rng;
        var app = VoiceApps.All[call.App];
        var callid = (call.Inbound ? 1_000_000_000L : 1_500_000_000L) + (call.Day.DayNumber % 50 * 10_000_000L) + call.Index;
        w.WriteStartObject();
        w.WriteNumber("callid", callid);
        w.WriteString("cli_pres", rng.Chance(0.05) ? "RESTRICTED" : "ALLOWED");
        w.WriteString("cli_number", call.Inbound ? call.Remote : call.Ours);
        w.WriteString("cli_name", call.Inbound ? call.Name : "");
        w.WriteString("start", Format.Sql(call.StartMs));
        w.WriteString("answer", call.Answered ? Format.Sql(call.AnswerMs) : ZeroDate);
        w.WriteString("hangup", Format.Sql(call.EndMs));
        w.WriteString("hangupsource", rng.Chance(0.5) ? "CALLER" : "CALLEE");
        w.WriteNumber("hangupcause", call.Outcome switch
        {
            Outcome.Answered => 16,
            Outcome.Busy => 17,
            Outcome.NoAnswer => 19,
            Outcome.Congestion => 34,
            _ => 21,
        });
        w.WriteNumber("duration", call.DurationSeconds);
        w.WriteNumber("duration_answered", call.TalkSeconds);
        w.WriteNumber("duration_billed", call.BilledSeconds);
        w.WriteString("billing_customer_cost_label", string.Concat(call.Country.Iso, call.Mobile ? " mobile" : " fixed", call.Inbound ? " inbound" : ""));
        w.WriteString("billing_customer_debit_eur", Format.Money4(call.Cost));
        w.WriteString("billing_customer_credit_eur", "0.0000");
        w.WriteString("scenario_name", app.Name);
        w.WriteString("scenario_hash", app.Hash);
        w.WriteString("package_name", "Business");
        w.WriteString("customer_field", "");
        if (call.Inbound)
        {
            w.WriteString("did_intl_number", call.Ours);
            w.WriteString("did_hash", DidHash(call.Ours));
            w.WriteString("cli_country_code", call.Country.Iso);
            w.WriteString("cli_number_type", call.Mobile ? "MOBILE" : "FIXED");
        }
        else
        {
            w.WriteNumber("callid_in", 0);
            w.WriteString("number", call.Remote);
            w.WriteString("number_country_code", call.Country.Iso);
            w.WriteString("number_type", call.Mobile ? "MOBILE" : "FIXED");
            w.WriteString("dialstatus", call.Outcome switch
            {
                Outcome.Answered => "ANSWER",
                Outcome.NoAnswer => rng.Chance(0.3) ? "CANCEL" : "NOANSWER",
                Outcome.Busy => "BUSY",
                Outcome.Congestion => "CONGESTION",
                _ => "CHANUNAVAIL",
            });
        }
        w.WriteEndObject();
    }

    public static void WriteSms(Utf8JsonWriter w, SmsFact sms)
    {
        var rng = sms.Rng;
        var created = Format.Sql(sms.CreatedMs);
        w.WriteStartObject();
        w.WriteString("type", sms.Inbound ? "IN" : "OUT");
        w.WriteString("hash", rng.Hex(8).ToUpperInvariant());
        w.WriteString("from", sms.Inbound ? sms.Remote : sms.Ours);
        w.WriteString("to", sms.Inbound ? sms.Ours : sms.Remote);
        w.WriteString("text", sms.Text);
        w.WriteNumber("parts", sms.Parts);
        w.WriteString("status", sms.Status switch
        {
            SmsStatus.Received => "RECEIVED",
            SmsStatus.Failed => "ERROR",
            _ => "SENT",
        });
        w.WriteString("b_customer_debit", Format.Money4(sms.Cost));
        w.WriteString("date_creation", created);
        w.WriteString("date_sent", sms.Inbound || sms.Status == SmsStatus.Failed ? ZeroDate : Format.Sql(sms.CreatedMs + 1000));
        w.WriteString("date_received", sms.Inbound ? created : ZeroDate);
        w.WriteString("date_update", Format.Sql(sms.CreatedMs + 5000));
        w.WriteNull("options");
        w.WriteEndObject();
    }

    private static string DidHash(string did) =>
        ((uint)did.Aggregate(17, (h, c) => unchecked((h * 31) + c))).ToString("X8", CultureInfo.InvariantCulture);
}
