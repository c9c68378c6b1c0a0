using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Streaming UTF-8 check of a file read in blocks of any size: a character split across two blocks is carried
/// over, and the first bad byte is named by its offset in the file. Vectorised (<see cref="Utf8.IsValid"/>), so it
/// costs a fraction of the staging copy it rides on.
/// </summary>
internal sealed class Utf8Validation
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _offset;

    /// <summary>Checks the next block; null while valid, else the offset of the first bad byte.</summary>
    public long? Feed(ReadOnlySpan<byte> data)
    {
        if (_carried > 0)
        {
            var need = SequenceLength(_carry[0]);
            var take = Math.Min(need - _carried, data.Length);
            data[..take].CopyTo(_carry.AsSpan(_carried));
            _carried += take;
            data = data[take..];
            if (_carried < need)
                return null;
            if (!Utf8.IsValid(_carry.AsSpan(0, need)))
                return _offset;
            _offset += need;
            _carried = 0;
        }

        var end = CompleteLength(data);
        if (!Utf8.IsValid(data[..end]))
            return _offset + FirstInvalid(data[..end]);
        data[end..].CopyTo(_carry);
        _carried = data.Length - end;
        _offset += end;
        return null;
    }

    /// <summary>The end of the input: null when it did not stop inside a character, else where that character starts.</summary>
    public long? Finish() => _carried > 0 ? _offset : null;

    // The length of data without a last character whose bytes continue in the next block.
    private static int CompleteLength(ReadOnlySpan<byte> data)
    {
        var lead = data.Length - 1;
        for (var back = 0; lead >= 0 && back < 3 && (data[lead] & 0xC0) == 0x80; back++)
            lead--;
        if (lead < 0 || data[lead] < 0xC0)
            return data.Length;
        return lead + SequenceLength(data[lead]) > data.Length ? lead : data.Length;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 and < 0xF8 => 4,
        >= 0xE0 => lead < 0xF0 ? 3 : 1,
        >= 0xC0 => 2,
        _ => 1,
    };

    private static int FirstInvalid(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            if (Rune.DecodeFromUtf8(data[position..], out _, out var consumed) != OperationStatus.Done)
                return position;
            position += consumed;
        }

        return position;
    }
}
