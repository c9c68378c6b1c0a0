using System.Globalization;
using System.Text;

namespace Analytics.Reports.Email;

/// <summary>
/// Reads a written report run (<c>&lt;Reports:Output&gt;/&lt;from&gt;_&lt;to&gt;/</c>, design §4) into a
/// <see cref="ReportEmail"/>: headline numbers from the <c>ALL</c> rows of <c>calls_summary.csv</c> and
/// <c>sms_summary.csv</c> (count, debit, currency columns), charts from <c>charts/*.png</c>, every
/// top-level CSV attached.
/// </summary>
public static class ReportFolder
{
    public static string PathFor(string output, DateOnly from, DateOnly to) =>
        Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}_{to:yyyy-MM-dd}"));

    public static ReportEmail Read(string folder, DateOnly from, DateOnly to)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"report folder not found: {folder}");
        var calls = Summary(Path.Combine(folder, "calls_summary.csv"));
        var sms = Summary(Path.Combine(folder, "sms_summary.csv"));
        var spend = calls.Spend.Concat(sms.Spend)
            .GroupBy(s => s.Currency, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Spend(g.Key.ToUpperInvariant(), g.Sum(s => s.Amount)))
            .Where(s => s.Amount != 0)
            .OrderBy(s => s.Currency, StringComparer.Ordinal)
            .ToArray();
        var charts = Directory.Exists(Path.Combine(folder, "charts"))
            ? Directory.GetFiles(Path.Combine(folder, "charts"), "*.png").Order(StringComparer.Ordinal).ToArray()
            : [];
        var csvs = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToArray();
        return new ReportEmail(from, to, calls.Count, sms.Count, spend, charts, csvs);
    }

    /// <summary>Sums the ALL rows (one per currency); a missing file or column counts as nothing.</summary>
    private static (long Count, IReadOnlyList<Spend> Spend) Summary(string path)
    {
        if (!File.Exists(path))
            return (0, []);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            return (0, []);
        var header = Fields(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int source = header.IndexOf("source"), count = header.IndexOf("count"), debit = header.IndexOf("debit"), currency = header.IndexOf("currency");
        if (count < 0)
            return (0, []);
        long total = 0;
        var spend = new List<Spend>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var row = Fields(line);
            if (source >= 0 && !string.Equals(At(row, source), "ALL", StringComparison.OrdinalIgnoreCase))
                continue;
            if (long.TryParse(At(row, count), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                total += n;
            if (debit >= 0 && currency >= 0 && decimal.TryParse(At(row, debit), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                spend.Add(new Spend(At(row, currency), amount));
        }

        return (total, spend);
    }

    private static string At(List<string> row, int index) => index < row.Count ? row[index] : "";

    // RFC 4180 fields of one line; the summaries are small and never span lines.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
