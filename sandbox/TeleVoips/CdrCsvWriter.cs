using System.Text;
using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.TeleVoips;

/// <summary>FreePBX <c>cdr</c> rows: strings quoted (quotes doubled), integers bare, one call per row.</summary>
internal static class CdrCsvWriter
{
    private static readonly string[] Columns =
    [
        "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "duration",
        "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield", "did", "recordingfile", "cnum",
        "cnam", "outbound_cnum", "outbound_cnam", "dst_cnam", "linkedid", "peeraccount", "sequence",
    ];

    public static string Header(bool didLast)
    {
        var cols = Columns.ToList();
        if (didLast)
        {
            cols.Remove("did");
            cols.Insert(cols.IndexOf("dst_cnam") + 1, "did");
        }
        return string.Join(',', cols) + "\n";
    }

    public static void AppendRow(StringBuilder sb, CallFact call, bool didLast, TimeZoneInfo zone)
    {
        var rng = call.Rng;
        var extension = Format.Int(201 + rng.Next(30));
        var chan = rng.Hex(8);
        var dstChan = rng.Hex(8);
        var inbound = call.Inbound;
        var src = inbound ? National(call.Remote) : extension;
        var dst = inbound ? extension : Dialled(call, ref rng);
        var uniqueid = string.Concat(Format.Int(call.StartMs / 1000), ".", Format.Int(call.Index));
        var answered = call.Answered;
        var local = LocalTime(call.StartMs, zone);
        var recording = answered && rng.Chance(0.3)
            ? string.Concat(inbound ? "in-" : "out-", dst, "-", src, "-", local.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture), "-", uniqueid, ".wav")
            : "";
        var did = inbound ? National(call.Ours) : "";

        Quoted(sb, local.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        Quoted(sb, string.Concat("\"", call.Name, "\" <", inbound ? src : extension, ">"));
        Quoted(sb, src);
        Quoted(sb, dst);
        Quoted(sb, inbound ? (rng.Chance(0.9) ? "from-trunk" : "from-did-direct") : "from-internal");
        Quoted(sb, inbound ? "PJSIP/televoips-trunk-" + chan : string.Concat("PJSIP/", extension, "-", chan));
        Quoted(sb, inbound
            ? (answered ? string.Concat("PJSIP/", extension, "-", dstChan) : "")
            : "PJSIP/televoips-trunk-" + dstChan);
        Quoted(sb, "Dial");
        Quoted(sb, inbound ? string.Concat("PJSIP/", extension, ",30,tr") : string.Concat("PJSIP/", dst, "@televoips-trunk,300,T"));
        Bare(sb, call.DurationSeconds);
        Bare(sb, call.TalkSeconds);
        Quoted(sb, Disposition(call.Outcome));
        Bare(sb, 3);
        Quoted(sb, "");
        Quoted(sb, uniqueid);
        Quoted(sb, "");
        if (!didLast)
            Quoted(sb, did);
        Quoted(sb, recording);
        Quoted(sb, inbound ? src : extension);
        Quoted(sb, call.Name);
        Quoted(sb, inbound ? "" : call.Ours);
        Quoted(sb, "");
        Quoted(sb, "");
        if (didLast)
            Quoted(sb, did);
        Quoted(sb, uniqueid);
        Quoted(sb, "");
        sb.Append(Format.Int(call.Index % 1_000_000)).Append('\n');
    }

    public static DateTime LocalTime(long unixMs, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(Format.Utc(unixMs), zone);

    /// <summary>The UTC window [from, to) of one local date in <paramref name="zone"/>.</summary>
    public static (long FromMs, long ToMs) LocalDayWindow(DateOnly day, TimeZoneInfo zone)
    {
        long Start(DateOnly d) => new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return (Start(day), Start(day.AddDays(1)));
    }

    public static string Disposition(Outcome outcome) => outcome switch
    {
        Outcome.Answered => "ANSWERED",
        Outcome.NoAnswer => "NO ANSWER",
        Outcome.Busy => "BUSY",
        Outcome.Failed => "FAILED",
        _ => "CONGESTION",
    };

    // As a user dials: French numbers often nationally (0…), foreign ones with 00, the rest in E.164.
    // The PBX is in the US: NANP numbers are dialled as ten digits, others with the 011 international prefix or as E.164.
    private static string Dialled(CallFact call, ref Rng rng)
    {
        var style = rng.Next(3);
        if (style < 2 && call.Remote.StartsWith("+1", StringComparison.Ordinal))
            return National(call.Remote);
        if (style == 1)
            return "011" + call.Remote[1..];
        return call.Remote;
    }

    /// <summary>A NANP number as TeleVoIPs sends it (<c>"did": "3525932093"</c>): its ten digits; any other stays E.164.</summary>
    private static string National(string e164) => e164.StartsWith("+1", StringComparison.Ordinal) ? e164[2..] : e164;

    private static void Quoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
                sb.Append('"');
            sb.Append(c);
        }
        sb.Append("\",");
    }

    private static void Bare(StringBuilder sb, long value) => sb.Append(Format.Int(value)).Append(',');
}
