using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// The state machine behind <see cref="JsonRecordSplitter"/>, fed one block at a time. Outside the records it follows
/// the document token by token; inside a record it only tracks strings and brackets, jumping between them with
/// vectorised searches, and copies the record's bytes in runs.
/// </summary>
internal sealed class JsonRecordScanner
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> RecordStructure = SearchValues.Create("\"{}[]\n\r"u8);

    private readonly byte[]? _envelope;
    private readonly byte[] _prefix;
    private readonly List<byte> _key = [];
    private Phase _phase = Phase.Document;
    private bool _inString;
    private bool _escape;
    private int _depth;
    private bool _isEnvelope;
    private bool _found;
    private long _offset;
    private long _recordBytes;

    public JsonRecordScanner(string? envelope, int fileIndex)
    {
        _envelope = envelope is null ? null : Encoding.UTF8.GetBytes(envelope);
        _prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"_f\":{fileIndex},\"_o\":"));
    }

    private enum Phase
    {
        Document,
        KeyOrEnd,
        KeyStart,
        Key,
        Colon,
        Value,
        SkipValue,
        MemberEnd,
        FirstRecord,
        NextRecord,
        RecordStart,
        InRecord,
        RecordEnd,
        Trailing,
    }

    /// <summary>The staged lines of the block just fed, for the caller to write out.</summary>
    public ArrayBufferWriter<byte> Output { get; } = new(1 << 20);

    public long Records { get; private set; }

    public long MaxRecordBytes { get; private set; }

    /// <summary>Scans the next block; null while it may still be a good payload, else what is wrong.</summary>
    public string? Feed(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var problem = _phase switch
            {
                Phase.InRecord => CopyRecord(data, ref position),
                Phase.Key => ReadKey(data, ref position),
                Phase.SkipValue => SkipValue(data, ref position),
                _ => Structure(data, ref position),
            };
            if (problem is not null)
                return problem;
        }

        _offset += data.Length;
        return null;
    }

    /// <summary>Called after the last block: null when the payload was whole, else what is missing.</summary>
    public string? Finish() => _phase switch
    {
        Phase.Trailing when _envelope is not null && !_found => $"no \"{Encoding.UTF8.GetString(_envelope)}\" member",
        Phase.Trailing => null,
        Phase.Document => "the document is empty",
        _ => "the document ends early",
    };

    // One structural byte outside any record, string or skipped value.
    private string? Structure(ReadOnlySpan<byte> data, ref int position)
    {
        var c = data[position];
        if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' || (_phase == Phase.Document && _offset + position < 3 && c is 0xEF or 0xBB or 0xBF))
        {
            position++;
            return null;
        }

        var at = _offset + position;
        switch (_phase, c)
        {
            case (Phase.Document, (byte)'[') when _envelope is null:
                _found = true;
                _phase = Phase.FirstRecord;
                break;
            case (Phase.Document, (byte)'{') when _envelope is not null:
                _phase = Phase.KeyOrEnd;
                break;
            case (Phase.Document, _):
                return $"the document is {Describe(c)}";
            case (Phase.KeyOrEnd or Phase.KeyStart, (byte)'"'):
                _key.Clear();
                _phase = Phase.Key;
                break;
            case (Phase.KeyOrEnd or Phase.MemberEnd, (byte)'}'):
                _phase = Phase.Trailing;
                break;
            case (Phase.Colon, (byte)':'):
                _phase = Phase.Value;
                break;
            case (Phase.Value, (byte)'[') when _isEnvelope:
                _found = true;
                _phase = Phase.FirstRecord;
                break;
            case (Phase.Value, _):
                return StartValue(c, at); // not consumed: the skipped value starts with this byte
            case (Phase.MemberEnd, (byte)','):
                _phase = Phase.KeyStart;
                break;
            case (Phase.FirstRecord, (byte)']') or (Phase.RecordEnd, (byte)']'):
                _phase = _envelope is null ? Phase.Trailing : Phase.MemberEnd;
                break;
            case (Phase.FirstRecord or Phase.NextRecord, (byte)'{'):
                StartRecord();
                break;
            case (Phase.FirstRecord or Phase.NextRecord, _) when IsValueStart(c):
                return $"record at byte {at} is {Describe(c)}, not an object";
            case (Phase.RecordEnd, (byte)','):
                _phase = Phase.NextRecord;
                break;
            case (Phase.RecordStart, (byte)'}'):
                Output.Write("}\n"u8);
                EndRecord(2);
                break;
            case (Phase.RecordStart, _):
                Output.Write(","u8);
                _recordBytes++;
                _phase = Phase.InRecord;
                return null; // the record's first member starts here: copied from this byte on
            case (Phase.Trailing, _):
                return $"unexpected data after the document at byte {at}";
            default:
                return $"invalid JSON at byte {at}: unexpected {Character(c)}";
        }

        position++;
        return null;
    }

    // The value of a top-level member other than the record array: skipped (a null envelope is an empty page).
    private string? StartValue(byte c, long at)
    {
        if (_isEnvelope)
        {
            _found = true;
            if (c != (byte)'n') // null: an empty page, as some APIs send it
                return $"\"{Encoding.UTF8.GetString(_envelope!)}\" is {Describe(c)}";
        }

        if (!IsValueStart(c))
            return $"invalid JSON at byte {at}: unexpected {Character(c)}";
        _phase = Phase.SkipValue;
        _depth = 0;
        return null;
    }

    private void StartRecord()
    {
        Records++;
        Output.Write(_prefix);
        var digits = Output.GetSpan(20);
        Utf8Formatter.TryFormat(Records, digits, out var written);
        Output.Advance(written);
        _recordBytes = _prefix.Length + written;
        _depth = 1;
        _phase = Phase.RecordStart;
    }

    private void EndRecord(int closing)
    {
        _recordBytes += closing;
        MaxRecordBytes = Math.Max(MaxRecordBytes, _recordBytes);
        _phase = Phase.RecordEnd;
    }

    private string? ReadKey(ReadOnlySpan<byte> data, ref int position)
    {
        var start = position;
        while (position < data.Length)
        {
            var c = data[position++];
            if (_escape)
            {
                _escape = false;
            }
            else if (c == (byte)'\\')
            {
                _escape = true;
            }
            else if (c == (byte)'"')
            {
                AppendKey(data[start..(position - 1)]);
                _isEnvelope = _envelope is not null && _key.Count == _envelope.Length && _envelope.AsSpan().SequenceEqual(_key.ToArray());
                _phase = Phase.Colon;
                return null;
            }
        }

        AppendKey(data[start..]);
        return null;
    }

    private void AppendKey(ReadOnlySpan<byte> part)
    {
        // Only compared with the envelope's name: a longer key can never match it.
        if (_key.Count <= 256)
            _key.AddRange(part);
    }

    // A value that is not the records: strings and brackets are followed until it closes, its bytes dropped.
    private string? SkipValue(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length)
        {
            var c = data[position];
            if (_inString)
            {
                position++;
                if (_escape)
                    _escape = false;
                else if (c == (byte)'\\')
                    _escape = true;
                else if (c == (byte)'"')
                    _inString = false;
                else
                    continue;
                if (!_inString && _depth == 0)
                {
                    _phase = Phase.MemberEnd;
                    return null;
                }

                continue;
            }

            if (_depth == 0 && c is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _phase = Phase.MemberEnd; // a scalar ended: the separator is the member's business
                return null;
            }

            position++;
            if (c == (byte)'"')
            {
                _inString = true;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                _depth++;
            }
            else if (c is (byte)'}' or (byte)']')
            {
                if (--_depth == 0)
                {
                    _phase = Phase.MemberEnd;
                    return null;
                }
            }
        }

        return null;
    }

    // Inside a record: copies its bytes to the output in runs, a newline between tokens becoming a space.
    private string? CopyRecord(ReadOnlySpan<byte> data, ref int position)
    {
        var run = position;
        while (position < data.Length)
        {
            if (_escape)
            {
                _escape = false;
                position++;
                continue;
            }

            if (_inString)
            {
                var next = data[position..].IndexOfAny(QuoteOrBackslash);
                if (next < 0)
                {
                    position = data.Length;
                    break;
                }

                position += next;
                _escape = data[position] == (byte)'\\';
                _inString = _escape;
                position++;
                continue;
            }

            var structural = data[position..].IndexOfAny(RecordStructure);
            if (structural < 0)
            {
                position = data.Length;
                break;
            }

            position += structural;
            switch (data[position])
            {
                case (byte)'"':
                    _inString = true;
                    position++;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    position++;
                    break;
                case (byte)'}' or (byte)']':
                    position++;
                    if (--_depth == 0)
                    {
                        Copy(data[run..position]);
                        Output.Write("\n"u8);
                        EndRecord(1);
                        return null;
                    }

                    break;
                default: // a newline between tokens: NDJSON keeps each record on its line
                    Copy(data[run..position]);
                    Output.Write(" "u8);
                    _recordBytes++;
                    run = ++position;
                    break;
            }
        }

        Copy(data[run..position]);
        return null;
    }

    private void Copy(ReadOnlySpan<byte> bytes)
    {
        Output.Write(bytes);
        _recordBytes += bytes.Length;
    }

    private static bool IsValueStart(byte c) => c is (byte)'[' or (byte)'{' or (byte)'"' or (byte)'t' or (byte)'f' or (byte)'n' or (byte)'-' or (>= (byte)'0' and <= (byte)'9');

    private static string Describe(byte c) => c switch
    {
        (byte)'[' => "an array",
        (byte)'{' => "an object",
        (byte)'"' => "a string",
        (byte)'t' or (byte)'f' => "a boolean",
        (byte)'n' => "null",
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "a number",
        _ => Character(c),
    };

    private static string Character(byte c) => c is < 0x20 or >= 0x7F ? $"byte 0x{c:X2}" : $"'{(char)c}'";
}
