using System.Globalization;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.GroundTruth;

/// <summary>Totals summed by a test from records fetched over HTTP, keyed like the ground truth.</summary>
internal sealed class ServedTotals
{
    public Dictionary<(string Source, DateOnly Day, string Kind, string Direction), Entry> Entries { get; } = [];

    public void Add(string source, string timestamp, string kind, string direction, bool answered, long answeredSeconds, long parts,
        string? currency, decimal debit)
    {
        var day = DateOnly.ParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = (source, day, kind, direction);
        if (!Entries.TryGetValue(key, out var e))
            Entries[key] = e = new Entry();
        e.Count++;
        if (answered)
        {
            e.Answered++;
            e.AnsweredSeconds += answeredSeconds;
        }
        e.Parts += parts;
        if (currency is not null)
            e.Debit[currency] = e.Debit.GetValueOrDefault(currency) + debit;
    }

    public static decimal Money(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    internal sealed class Entry
    {
        public long Count { get; set; }

        public long Answered { get; set; }

        public long AnsweredSeconds { get; set; }

        public long Parts { get; set; }

        public Dictionary<string, decimal> Debit { get; } = [];
    }
}
