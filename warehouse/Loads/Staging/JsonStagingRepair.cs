using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>A JSON record taken out of a batch's staging file: it becomes a reject of its file.</summary>
internal sealed record SetAsideRecord(int FileIndex, long Ordinal, string Reason, string Raw);

/// <summary>
/// Turns DuckDB's error about one record of an NDJSON staging file (e.g. <c>Object {"_f":0,"_o":7,…} has duplicate
/// key "a"</c>) into a reject: the record's line is overwritten with spaces in place (DuckDB skips blank lines),
/// so the retried batch reads every other record and nothing else changes.
/// </summary>
internal static partial class JsonStagingRepair
{
    public static async Task<SetAsideRecord?> SetAsideAsync(IReadOnlyList<StagedFile> batch, string error, CancellationToken cancellationToken)
    {
        var match = RecordError().Match(error);
        if (!match.Success || batch.Count == 0)
            return null;
        var fileIndex = int.Parse(match.Groups["f"].Value, CultureInfo.InvariantCulture);
        var ordinal = long.Parse(match.Groups["o"].Value, CultureInfo.InvariantCulture);
        if (fileIndex >= batch.Count)
            return null;
        var prefix = Encoding.UTF8.GetBytes($"{{\"_f\":{fileIndex},\"_o\":{ordinal},");
        var raw = await BlankLineAsync(batch[0].StagedPath, prefix, cancellationToken);
        return raw is null ? null : new SetAsideRecord(fileIndex, ordinal, match.Groups["reason"].Value.Trim(), raw);
    }

    // Finds the line starting with the record's prefix (or `{"_f":F,"_o":N}` for an empty record) and blanks it.
    private static async Task<string?> BlankLineAsync(string path, byte[] prefix, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, useAsync: false);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long lineStart = 0;
            var line = new List<byte>();
            var matching = true;
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, 1 << 20), cancellationToken)) > 0)
            {
                var chunkStart = file.Position - read;
                for (var i = 0; i < read;)
                {
                    var newline = buffer.AsSpan(i, read - i).IndexOf((byte)'\n');
                    var end = newline < 0 ? read : i + newline;
                    if (matching)
                    {
                        line.AddRange(buffer.AsSpan(i, end - i).ToArray());
                        matching = line.Count < prefix.Length
                            ? prefix.AsSpan(0, line.Count).SequenceEqual(line.ToArray())
                            : line.Take(prefix.Length).SequenceEqual(prefix);
                    }

                    if (newline < 0)
                        break;
                    if (matching && line.Count >= prefix.Length)
                        return Blank(file, lineStart, line);
                    lineStart = chunkStart + end + 1;
                    line.Clear();
                    matching = true;
                    i = end + 1;
                }
            }

            return matching && line.Count >= prefix.Length ? Blank(file, lineStart, line) : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Blank(FileStream file, long start, List<byte> line)
    {
        file.Position = start;
        var spaces = new byte[line.Count];
        spaces.AsSpan().Fill((byte)' ');
        file.Write(spaces);
        file.Flush();
        var text = Encoding.UTF8.GetString(line.ToArray());
        var body = text.IndexOf(',', text.IndexOf("\"_o\"", StringComparison.Ordinal));
        return "{" + text[(body + 1)..];
    }

    [GeneratedRegex("""Object \{"_f":(?<f>\d+),"_o":(?<o>\d+)[,}].*?(?<reason>has duplicate key "[^"]*")""", RegexOptions.Singleline)]
    private static partial Regex RecordError();
}
