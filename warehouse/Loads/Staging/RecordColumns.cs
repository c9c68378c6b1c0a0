using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Maps a record's member names to raw table columns. A provider sends its members in the same order record after
/// record, so the name seen at each position is remembered and a byte comparison settles almost every lookup. One
/// instance serves a staging worker's files one after another (a day of Telnyx pages is 20,000 files of 50 records).
/// </summary>
internal sealed class RecordColumns(IReadOnlyList<string> columns)
{
    private readonly Dictionary<string, int> _byName = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    private readonly List<(byte[] Name, int Column)> _atPosition = [];

    public int Count => columns.Count;

    public string Name(int column) => columns[column];

    /// <summary>The column of the property name under <paramref name="reader"/>, or -1 for a member the table does not keep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    public int Find(ref Utf8JsonReader reader, int position)
    {
        if (position < _atPosition.Count && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_atPosition[position].Name))
            return _atPosition[position].Column;
        var name = reader.GetString()!;
        var column = _byName.GetValueOrDefault(name, -1);
        if (!reader.ValueIsEscaped && position <= _atPosition.Count)
        {
            var entry = (Encoding.UTF8.GetBytes(name), column);
            if (position == _atPosition.Count)
                _atPosition.Add(entry);
            else
                _atPosition[position] = entry;
        }

        return column;
    }
}
