using System.Globalization;
using Analytics.Sandbox;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Jobs.Demo;

/// <summary>One figure that differs between the warehouse and what the sandbox served.</summary>
internal sealed record GroundTruthMismatch(string Source, DateOnly Day, string Kind, string Direction, string Figure, string Expected, string Actual)
{
    public override string ToString() =>
        $"{Source} {Day:yyyy-MM-dd} {Kind} {Direction} {Figure}: sandbox served {Expected}, warehouse has {Actual}";
}

/// <summary>The result of comparing every per-source, per-day, per-direction total.</summary>
internal sealed record GroundTruthComparison(int Groups, IReadOnlyList<GroundTruthMismatch> Mismatches)
{
    public bool Matches => Mismatches.Count == 0;
}

/// <summary>
/// Compares the warehouse's <c>calls</c> and <c>sms</c> with the sandbox's ground truth: counts, answered
/// calls, answered seconds, SMS parts and debit per currency, exactly, per source × UTC day × direction.
/// </summary>
internal static class GroundTruthCheck
{
    private const string Sql = """
        SELECT source, CAST(timezone('UTC', started_at) AS DATE) AS day, 'calls' AS kind, direction,
               count(*) AS count, count(*) FILTER (WHERE status = 'ANSWERED') AS answered,
               CAST(coalesce(sum(answered_s), 0) AS BIGINT) AS answered_seconds, CAST(0 AS BIGINT) AS parts, currency, CAST(sum(debit) AS DECIMAL(38, 6)) AS debit
        FROM calls GROUP BY ALL
        UNION ALL
        SELECT source, CAST(timezone('UTC', sent_at) AS DATE), 'sms', direction,
               count(*), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(coalesce(sum(parts), 0) AS BIGINT), currency, sum(debit)
        FROM sms GROUP BY ALL
        """;

    // Settable properties, not a positional record: Dapper then converts DuckDB's types (DECIMAL, nullable) itself.
    private sealed class Row
    {
        public string Source { get; init; } = "";
        public DateOnly Day { get; init; }
        public string Kind { get; init; } = "";
        public string Direction { get; init; } = "";
        public long Count { get; init; }
        public long Answered { get; init; }
        public long Answered_Seconds { get; init; }
        public long Parts { get; init; }
        public string? Currency { get; init; }
        public decimal? Debit { get; init; }
    }

    public static async Task<GroundTruthComparison> CompareAsync(string warehousePath, GroundTruth truth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(truth);
        await using var connection = WarehouseDatabase.OpenReadOnly(warehousePath);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).ToList();
        var actual = rows
            .GroupBy(r => (r.Source, r.Day, r.Kind, r.Direction))
            .ToDictionary(g => g.Key, g => g.ToList());
        var mismatches = new List<GroundTruthMismatch>();
        var keys = truth.Days.Where(d => d.Count > 0).Select(d => (d.Source, d.Day, d.Kind, d.Direction)).Union(actual.Keys).ToList();
        foreach (var key in keys)
        {
            var expected = truth.Find(key.Source, key.Day, key.Kind, key.Direction);
            var got = actual.GetValueOrDefault(key) ?? [];
            void Check(string figure, object want, object have)
            {
                var w = Convert.ToString(want, CultureInfo.InvariantCulture)!;
                var h = Convert.ToString(have, CultureInfo.InvariantCulture)!;
                if (w != h)
                    mismatches.Add(new GroundTruthMismatch(key.Source, key.Day, key.Kind, key.Direction, figure, w, h));
            }

            Check("count", expected?.Count ?? 0, got.Sum(r => r.Count));
            Check("answered", expected?.Answered ?? 0, got.Sum(r => r.Answered));
            Check("answered seconds", expected?.AnsweredSeconds ?? 0, got.Sum(r => r.Answered_Seconds));
            Check("parts", expected?.Parts ?? 0, got.Sum(r => r.Parts));
            var currencies = (expected?.Debit.Keys ?? []).Union(got.Where(r => r.Currency is not null).Select(r => r.Currency!));
            foreach (var currency in currencies)
            {
                var want = expected?.Debit.GetValueOrDefault(currency) ?? 0m;
                var have = got.Where(r => r.Currency == currency).Sum(r => r.Debit ?? 0m);
                if (want != have)
                    Check($"debit {currency}", want.ToString("0.0000##", CultureInfo.InvariantCulture), have.ToString("0.0000##", CultureInfo.InvariantCulture));
            }
        }

        return new GroundTruthComparison(keys.Count, mismatches);
    }
}
