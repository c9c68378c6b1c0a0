using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Analytics.Warehouse.Arrow;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Follows one landed JSON payload token by token (<see cref="Utf8JsonReader"/>: strict JSON), finds its record array
/// (bare, or the envelope's member) and turns each record into one staged row: file index, record index, then the
/// raw table's columns in table order. Values keep their text as sent: strings unescaped, numbers and literals as
/// written, nested objects and arrays as their JSON text; an absent key or a JSON null is NULL. Members the raw table
/// does not know are skipped. A record naming one of its columns twice is set aside, not staged.
/// </summary>
internal sealed partial class JsonRecordReader
{
    private readonly byte[]? _envelope;
    private readonly int _recordDepth;
    private readonly int _fileIndex;
    private readonly TextBatchBuilder _rows;
    private readonly RecordColumns _columns;
    private readonly List<SetAsideRecord> _setAside = [];
    private readonly Slot[] _slots;
    private byte[] _unescaped = new byte[256];
    private int _unescapedLength;
    private bool _started;
    private bool _found;
    private bool _inRecords;
    private bool _envelopeValueNext;
    private long _recordStart = -1;
    private ulong _seen;
    private int _keyPosition;
    private int _column;
    private long _nestedStart;
    private int _nestedDepth = -1;
    private string? _duplicate;

    /// <param name="envelope">The member holding the record array; null for a bare array.</param>
    /// <param name="columns">The raw table's provider columns, in table order (at most 64).</param>
    public JsonRecordReader(string? envelope, RecordColumns columns, int fileIndex, TextBatchBuilder rows)
    {
        if (columns.Count > 64)
            throw new ArgumentException("a raw table has at most 64 provider columns", nameof(columns));
        _envelope = envelope is null ? null : Encoding.UTF8.GetBytes(envelope);
        _recordDepth = envelope is null ? 1 : 2;
        _fileIndex = fileIndex;
        _rows = rows;
        _columns = columns;
        _slots = new Slot[columns.Count];
    }

    private enum SlotKind : byte
    {
        Null, // absent, or JSON null
        InBuffer, // as sent: a string's bytes between its quotes, a number, a literal, a nested value's JSON text
        Unescaped, // a string with escapes, decoded into the record's own buffer
    }

    public long Records { get; private set; }

    /// <summary>True once the document's first token was read.</summary>
    public bool Started => _started;

    public IReadOnlyList<SetAsideRecord> SetAside => _setAside;

    /// <summary>Where the record being read started (absolute offset), or -1: its bytes must stay in the buffer.</summary>
    public long RecordStart => _recordStart;

    /// <summary>
    /// Reads the tokens of <paramref name="buffer"/> from <paramref name="start"/>; <paramref name="bufferOffset"/> is
    /// the file offset of <c>buffer[0]</c>. Returns how many bytes from <paramref name="start"/> it consumed.
    /// </summary>
    /// <exception cref="StagingShapeException">The payload is not the shape the feed promises.</exception>
    /// <exception cref="StagingShapeException">The payload is not valid JSON (named by its byte), or not that shape.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    public int Feed(ReadOnlySpan<byte> buffer, long bufferOffset, int start, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(buffer[start..], final, state);
        var readerOffset = bufferOffset + start;
        try
        {
            while (reader.Read())
            {
                if (_recordStart >= 0)
                    InRecord(ref reader, buffer, bufferOffset, readerOffset);
                else
                    Outside(ref reader, readerOffset);
            }
        }
        catch (JsonException ex)
        {
            // The reader's own position restarts with every block: name the byte of the file instead.
            var reason = ex.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            throw new StagingShapeException($"invalid JSON near byte {readerOffset + reader.BytesConsumed}: {reason}");
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>Called after the last block: what the whole payload lacked, if anything.</summary>
    public string? Finish()
    {
        if (!_started)
            return "the document is empty";
        return _envelope is not null && !_found ? $"no \"{Encoding.UTF8.GetString(_envelope)}\" member" : null;
    }

    // Structure outside the records: the document, the envelope's members, the record array.
    private void Outside(ref Utf8JsonReader reader, long readerOffset)
    {
        var token = reader.TokenType;
        var depth = reader.CurrentDepth;
        if (!_started)
        {
            _started = true;
            if (token != (_envelope is null ? JsonTokenType.StartArray : JsonTokenType.StartObject))
                throw new StagingShapeException($"the document is {Describe(token)}");
            _inRecords = _found = _envelope is null;
            return;
        }

        if (_inRecords)
        {
            if (depth == _recordDepth && token == JsonTokenType.StartObject)
                StartRecord(readerOffset + reader.TokenStartIndex);
            else if (depth == _recordDepth - 1 && token == JsonTokenType.EndArray)
                _inRecords = false;
            else if (depth == _recordDepth)
                throw new StagingShapeException($"record at byte {readerOffset + reader.TokenStartIndex} is {Describe(token)}, not an object");
            return;
        }

        if (_envelope is null || depth != 1)
            return;
        if (token == JsonTokenType.PropertyName)
        {
            _envelopeValueNext = reader.ValueTextEquals(_envelope);
            return;
        }

        if (!_envelopeValueNext)
            return;
        _envelopeValueNext = false;
        _found = true;
        if (token == JsonTokenType.StartArray)
            _inRecords = true;
        else if (token != JsonTokenType.Null) // null: an empty page, as some APIs send it
            throw new StagingShapeException($"\"{Encoding.UTF8.GetString(_envelope)}\" is {Describe(token)}");
    }

    private void StartRecord(long at)
    {
        Records++;
        _recordStart = at;
        _seen = 0;
        _keyPosition = 0;
        _column = -1;
        _nestedDepth = -1;
        _duplicate = null;
        _unescapedLength = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    private void InRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, long bufferOffset, long readerOffset)
    {
        var token = reader.TokenType;
        var depth = reader.CurrentDepth;
        var at = readerOffset + reader.TokenStartIndex;
        if (_nestedDepth >= 0)
        {
            // Inside an object or array value: only its end matters, then the whole value is the column's text.
            if (depth == _nestedDepth && token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                if (_column >= 0)
                    _slots[_column] = new Slot(SlotKind.InBuffer, _nestedStart, (int)(at + 1 - _nestedStart));
                _nestedDepth = -1;
            }

            return;
        }

        if (depth == _recordDepth)
        {
            EndRecord(buffer, bufferOffset, at + 1); // the record's own closing brace
            return;
        }

        if (token == JsonTokenType.PropertyName)
        {
            _column = _columns.Find(ref reader, _keyPosition++);
            if (_column >= 0)
            {
                var bit = 1UL << _column;
                if ((_seen & bit) != 0)
                    _duplicate ??= _columns.Name(_column);
                _seen |= bit;
                _slots[_column] = default;
            }

            return;
        }

        switch (token)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                _nestedStart = at;
                _nestedDepth = depth;
                return;
            case JsonTokenType.String when _column >= 0 && reader.ValueIsEscaped:
                _slots[_column] = Unescape(ref reader);
                return;
            case JsonTokenType.String when _column >= 0:
                _slots[_column] = new Slot(SlotKind.InBuffer, at + 1, reader.ValueSpan.Length);
                return;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False when _column >= 0:
                _slots[_column] = new Slot(SlotKind.InBuffer, at, reader.ValueSpan.Length);
                return;
        }
    }

    private Slot Unescape(ref Utf8JsonReader reader)
    {
        // Unescaping never makes a string longer than its escaped form.
        if (_unescaped.Length < _unescapedLength + reader.ValueSpan.Length)
            Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, _unescapedLength + reader.ValueSpan.Length));
        var written = reader.CopyString(_unescaped.AsSpan(_unescapedLength));
        var slot = new Slot(SlotKind.Unescaped, _unescapedLength, written);
        _unescapedLength += written;
        return slot;
    }

    private void EndRecord(ReadOnlySpan<byte> buffer, long bufferOffset, long end)
    {
        if (_duplicate is not null)
        {
            var text = Encoding.UTF8.GetString(buffer[(int)(_recordStart - bufferOffset)..(int)(end - bufferOffset)]);
            _setAside.Add(new SetAsideRecord(_fileIndex, Records, $"has duplicate key \"{_duplicate}\"", text));
        }
        else
        {
            WriteRow(buffer, bufferOffset);
        }

        _recordStart = -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    private void WriteRow(ReadOnlySpan<byte> buffer, long bufferOffset)
    {
        _rows.BeginRow(_fileIndex, Records);
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = (_seen & (1UL << i)) == 0 ? default : _slots[i];
            switch (slot.Kind)
            {
                case SlotKind.InBuffer:
                    _rows.Set(i, buffer.Slice((int)(slot.Start - bufferOffset), slot.Length));
                    break;
                case SlotKind.Unescaped:
                    _rows.Set(i, _unescaped.AsSpan((int)slot.Start, slot.Length));
                    break;
                default:
                    _rows.SetNull(i);
                    break;
            }
        }

        _rows.EndRow();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>Where a column's value is: in the read buffer (absolute offset) or among the record's unescaped strings.</summary>
    private readonly record struct Slot(SlotKind Kind, long Start, int Length);
}

/// <summary>A landed JSON payload that is valid JSON but not the shape its feed promises.</summary>
internal sealed class StagingShapeException(string message) : Exception(message);
