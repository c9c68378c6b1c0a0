using System.Text;

namespace Analytics.Ingest.TeleVoips;

/// <summary>
/// Streams the records of a CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), each with the
/// physical line it starts on. Enough to read a few columns of a file a user hands in; the load reads it with DuckDB.
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The next record and the line it starts on; null at the end of the text.</summary>
    public (long Line, List<string> Fields)? Next()
    {
        var first = reader.Peek();
        while (first is '\r' or '\n')
        {
            if (reader.Read() == '\n')
                _line++;
            first = reader.Peek();
        }

        if (first < 0)
            return null;
        var start = _line;
        var fields = new List<string>();
        var quoted = false;
        _field.Clear();
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(_field.ToString());
                return (start, fields);
            }

            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                    _field.Append((char)reader.Read());
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        _line++;
                    _field.Append((char)c);
                }
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (c == '\n')
            {
                _line++;
                fields.Add(_field.ToString());
                return (start, fields);
            }
            else if (c != '\r')
                _field.Append((char)c);
        }
    }
}
