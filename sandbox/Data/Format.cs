using System.Globalization;

namespace Analytics.Sandbox.Data;

/// <summary>The providers' timestamp and number spellings, invariant culture throughout.</summary>
internal static class Format
{
    public static DateTime Utc(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;

    /// <summary>yyyy-MM-dd HH:mm:ss (CALLR, Asterisk).</summary>
    public static string Sql(long unixMs) => Utc(unixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 with milliseconds and Z.</summary>
    public static string Iso(long unixMs) => Utc(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Money4(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Exact decimal: at least 4 places, more only when needed.</summary>
    public static string Exact(decimal value) => value.ToString("0.0000############", CultureInfo.InvariantCulture);
}
