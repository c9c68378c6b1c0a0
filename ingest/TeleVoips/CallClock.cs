using System.Globalization;

namespace Analytics.Ingest.TeleVoips;

/// <summary>
/// When a TeleVoIPs (Asterisk) call started, in UTC, under <c>Sources:TeleVoips:TimeZone = auto</c>: <c>calldate</c> is the
/// PBX's local time, and Asterisk's <c>uniqueid</c> starts with the call's epoch seconds (<c>"1629900254.9521335"</c> goes
/// with <c>"2021-08-25 10:04:14"</c> in New York). The epoch is taken when it is epoch-like and within 26 hours of
/// <c>calldate</c> (no zone is further from UTC); otherwise <c>calldate</c> is read as UTC. The load applies the same rule
/// in SQL (<c>Mapping/Sql/televoips_cdrs.sql</c>); this copy lets <c>analytics land</c> tell a file's day.
/// </summary>
internal static class CallClock
{
    /// <summary>The furthest a local clock can be from UTC, with a margin: UTC−12 … UTC+14.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromHours(26);

    /// <summary>The call's UTC start, or null when <paramref name="calldate"/> is not a <c>yyyy-MM-dd HH:mm:ss</c> time.</summary>
    public static DateTimeOffset? UtcStart(string calldate, string uniqueid)
    {
        if (!DateTime.TryParseExact(calldate.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var local))
            return null;
        var asUtc = new DateTimeOffset(local, TimeSpan.Zero);
        var epoch = Epoch(uniqueid);
        return epoch is { } e && (e - asUtc).Duration() <= MaxSkew ? e : asUtc;
    }

    /// <summary>The epoch seconds <paramref name="uniqueid"/> starts with: 9 or 10 digits, then a dot or the end.</summary>
    private static DateTimeOffset? Epoch(string uniqueid)
    {
        var text = uniqueid.AsSpan().Trim();
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text[..dot];
        if (digits.Length is < 9 or > 10 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return null;
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
