using System.Globalization;
using System.Text;

namespace Analytics.Sandbox.Data;

/// <summary>One line of the TeleVoIPs rate deck: prefix digits (no '+'), EUR per minute, billing increment.</summary>
internal readonly record struct RateDeckEntry(string Prefix, decimal RatePerMinute, int IncrementSeconds);

/// <summary>
/// TeleVoIPs sends no cost, so the sandbox publishes the deck it prices calls with:
/// cost = ceil(billsec/increment)·increment/60·rate, rounded to 4 places half away from zero.
/// </summary>
internal sealed class RateDeck
{
    private readonly Dictionary<string, RateDeckEntry> _byPrefix;

    public RateDeck()
    {
        var entries = new List<RateDeckEntry>();
        foreach (var c in Countries.All)
        {
            var increment = c.NextIncrement;
            if (c.IsNanp)
            {
                if (c == Countries.US)
                    entries.Add(new RateDeckEntry("1", Margin(c.FixedRateEur), increment));
                else
                    entries.AddRange(c.MobilePrefixes.Concat(c.FixedPrefixes)
                        .Select(a => new RateDeckEntry("1" + a, Margin(c.FixedRateEur), increment)));
                continue;
            }
            entries.Add(new RateDeckEntry(c.DialCode, Margin(c.FixedRateEur), increment));
            entries.AddRange(c.MobilePrefixes.Select(p => new RateDeckEntry(c.DialCode + p, Margin(c.MobileRateEur), increment)));
        }
        Entries = entries.OrderBy(e => e.Prefix, StringComparer.Ordinal).ToArray();
        _byPrefix = Entries.ToDictionary(e => e.Prefix, StringComparer.Ordinal);
    }

    public const string Currency = "EUR";

    public IReadOnlyList<RateDeckEntry> Entries { get; }

    public RateDeckEntry Match(string e164)
    {
        var digits = e164.AsSpan().TrimStart('+');
        for (var len = Math.Min(digits.Length, 6); len > 0; len--)
        {
            if (_byPrefix.TryGetValue(digits[..len].ToString(), out var entry))
                return entry;
        }
        throw new InvalidOperationException($"rate deck: no prefix matches {e164}");
    }

    public string ToCsv()
    {
        var sb = new StringBuilder("prefix,rate_per_minute,currency,increment_s\n");
        foreach (var e in Entries)
        {
            sb.Append(e.Prefix).Append(',')
                .Append(e.RatePerMinute.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',')
                .Append(Currency).Append(',')
                .Append(e.IncrementSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    private static decimal Margin(decimal eur) => Math.Round(eur * 1.15m, 4, MidpointRounding.AwayFromZero);
}
