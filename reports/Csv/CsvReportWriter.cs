using System.Globalization;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Tables;
using CsvHelper;

namespace Analytics.Reports.Csv;

/// <summary>Writes the CSV file of every report table (RFC 4180 via CsvHelper, invariant culture, UTF-8, LF).</summary>
internal static class CsvReportWriter
{
    // Formula-injection escaping stays off: it would prefix E.164 numbers ("+33…") with a quote.
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Writes every table's CSV into <paramref name="directory"/> and returns their paths, in table order.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(ReportData data, string directory, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var table in ReportTables.All)
            paths.Add(await WriteAsync(Path.Combine(directory, table.CsvFile), table.Headers, table.CsvRows(data), cancellationToken).ConfigureAwait(false));
        return paths;
    }

    public static async Task<string> WriteAsync(string path, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await AtomicFile.WriteAsync(path, writer => Write(writer, headers, rows), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The CSV text (header row first).</summary>
    public static string ToText(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, headers, rows);
        return text.ToString();
    }

    private static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        foreach (var header in headers)
            csv.WriteField(header);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
                csv.WriteField(cell);
            csv.EndRecord();
        }

        csv.Flush();
    }
}
