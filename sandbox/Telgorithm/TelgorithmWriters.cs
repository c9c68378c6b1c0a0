using System.Text.Json;
using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Telgorithm;

/// <summary>Telgorithm message and call-leg models (camelCase, fees as JSON numbers in USD).</summary>
internal static class TelgorithmWriters
{
    private static readonly string[] Carriers = ["T-Mobile", "AT&T", "Verizon Wireless", "Bell Mobility", "Rogers"];
    private static readonly int[] ErrorCodes = [1003, 1001, 3002, 3004];

    public static void WriteMessage(Utf8JsonWriter w, SmsFact sms, bool includeFees)
    {
        var rng = sms.Rng;
        w.WriteStartObject();
        w.WriteString("sid", rng.Uuid());
        w.WriteString("from", sms.Inbound ? sms.Remote : sms.Ours);
        w.WriteString("to", sms.Inbound ? sms.Ours : sms.Remote);
        w.WriteString("text", sms.Text);
        w.WriteString("createdOn", Format.Iso(sms.CreatedMs));
        w.WriteNumber("segmentCount", sms.Parts);
        w.WriteNull("mediaUrls");
        if (!sms.Inbound)
        {
            var failed = sms.Status == SmsStatus.Failed;
            w.WriteString("carrier", rng.Pick(Carriers));
            w.WriteString("status", failed ? "Failed" : "Delivered");
            w.WriteNumber("errorCode", failed ? rng.Pick(ErrorCodes) : 0);
        }
        if (includeFees)
        {
            w.WriteStartObject("fees");
            w.WriteStartArray("platformFees");
            if (sms.Cost > 0)
                Group(w, sms.Rate, sms.Parts, sms.Rate, sms.Rate * sms.Parts);
            w.WriteEndArray();
            w.WriteStartArray("passThroughFees");
            if (sms.Cost > 0 && !sms.Inbound)
            {
                var carrierFee = sms.Cost - (sms.Rate * sms.Parts);
                Group(w, 0m, 1, carrierFee, carrierFee);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static void WriteCall(Utf8JsonWriter w, CallFact call, bool includeFees)
    {
        var rng = call.Rng;
        var direction = call.Inbound ? "Inbound" : "Outbound";
        w.WriteStartObject();
        w.WriteString("legSid", rng.Uuid());
        w.WriteString("callSid", rng.Uuid());
        w.WriteString("from", call.Inbound ? call.Remote : call.Ours);
        w.WriteString("to", call.Inbound ? call.Ours : call.Remote);
        w.WriteString("status", "Completed");
        w.WriteString("callDirection", direction);
        w.WriteString("legDirection", direction);
        w.WriteString("duration", Format.Int(call.TalkSeconds));
        w.WriteString("createdOn", Format.Iso(call.StartMs));
        w.WriteString("startedOn", Format.Iso(call.StartMs));
        if (call.RingSeconds > 0)
            w.WriteString("rangOn", Format.Iso(call.StartMs + 500));
        else
            w.WriteNull("rangOn");
        if (call.Answered)
            w.WriteString("answeredOn", Format.Iso(call.AnswerMs));
        else
            w.WriteNull("answeredOn");
        w.WriteString("completedOn", Format.Iso(call.EndMs));
        if (includeFees)
        {
            w.WriteStartArray("fees");
            if (call.Cost > 0)
            {
                w.WriteStartObject();
                w.WriteNumber("count", call.BilledSeconds / 60);
                w.WriteNumber("feePerUnit", call.Rate);
                w.WriteNumber("total", call.Cost);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Group(Utf8JsonWriter w, decimal perSegment, int count, decimal perUnit, decimal total)
    {
        w.WriteStartObject();
        w.WriteNumber("feePerSegment", perSegment);
        w.WriteNumber("count", count);
        w.WriteNumber("feePerUnit", perUnit);
        w.WriteNumber("total", total);
        w.WriteEndObject();
    }
}
