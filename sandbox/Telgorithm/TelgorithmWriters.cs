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

    /// <summary>
    /// One leg of <paramref name="call"/>: its inbound (or outbound) leg, or with <paramref name="forwardLeg"/> the
    /// outbound leg Telgorithm dialled to forward it. Both share callSid; the ids are drawn in a fixed order.
    /// </summary>
    public static void WriteCall(Utf8JsonWriter w, CallFact call, bool forwardLeg, bool includeFees)
    {
        var rng = call.Rng;
        var legSid = rng.Uuid();
        var callSid = rng.Uuid();
        var forwardSid = rng.Uuid();
        var direction = call.Inbound ? "Inbound" : "Outbound";
        var forward = forwardLeg ? call.Forward ?? throw new ArgumentException("the call was not forwarded", nameof(call)) : null;
        var createdMs = forward?.CreatedMs ?? call.StartMs;
        w.WriteStartObject();
        w.WriteString("legSid", forward is null ? legSid : forwardSid);
        w.WriteString("callSid", callSid);
        w.WriteString("from", forward is not null || !call.Inbound ? call.Ours : call.Remote);
        w.WriteString("to", forward?.To ?? (call.Inbound ? call.Ours : call.Remote));
        w.WriteString("status", "Completed");
        w.WriteString("callDirection", direction);
        w.WriteString("legDirection", forward is null ? direction : "Outbound");
        w.WriteString("duration", Format.Int(call.TalkSeconds));
        w.WriteString("createdOn", Format.Iso(createdMs));
        w.WriteString("startedOn", Format.Iso(createdMs));
        if (call.RingSeconds > 0)
            w.WriteString("rangOn", Format.Iso(createdMs + 500));
        else
            w.WriteNull("rangOn");
        if (call.Answered)
            w.WriteString("answeredOn", Format.Iso(call.AnswerMs));
        else
            w.WriteNull("answeredOn");
        w.WriteString("completedOn", Format.Iso(call.EndMs));
        if (includeFees)
        {
            var cost = forward?.Cost ?? call.Cost;
            w.WriteStartArray("fees");
            if (cost > 0)
            {
                w.WriteStartObject();
                w.WriteNumber("count", call.BilledSeconds / 60);
                w.WriteNumber("feePerUnit", forward is null ? call.Rate : 0.0100m);
                w.WriteNumber("total", cost);
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
