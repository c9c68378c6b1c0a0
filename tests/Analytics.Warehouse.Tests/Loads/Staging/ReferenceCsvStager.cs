using System.Buffers;
using System.Globalization;
using System.Text;
using Analytics.Warehouse.Loads.Staging;

namespace Analytics.Warehouse.Tests.Loads.Staging;

/// <summary>
/// The CSV stager's scan as it was before it went to 64-byte blocks (IndexOfAny from quote to quote), kept as the
/// reference the block scan must match byte for byte. The header is copied, not checked: that part did not change.
/// </summary>
internal sealed class ReferenceCsvStager
{
    private static readonly SearchValues<byte> QuoteOrNewline = SearchValues.Create("\"\n"u8);

    private readonly ArrayBufferWriter<byte> _pending = new();
    private readonly List<byte> _header = [];
    private readonly List<LineShift> _shifts = [];
    private bool _inHeader = true;
    private bool _inQuotes;
    private bool _atRecordStart;
    private int _pendingCarriageReturns;
    private long _line = 1;
    private long _shift;
    private long _ordinal;

    /// <summary>The stager's loop over reads of <paramref name="readSize"/> bytes, with this scan.</summary>
    public static (long Records, List<LineShift> Shifts, byte[] Output) Stage(byte[] csv, int readSize)
    {
        var scan = new ReferenceCsvStager();
        for (var at = 0; at < csv.Length; at += readSize)
            scan.Feed(csv.AsSpan(at, Math.Min(readSize, csv.Length - at)));
        scan.Finish();
        return (scan._ordinal, scan._shifts, scan._pending.WrittenSpan.ToArray());
    }

    private void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_inHeader)
            {
                data = FeedHeader(data);
                continue;
            }

            if (_atRecordStart)
            {
                data = StartRecord(data);
                continue;
            }

            var next = data.IndexOfAny(QuoteOrNewline);
            if (next < 0)
            {
                _pending.Write(data);
                return;
            }

            _pending.Write(data[..(next + 1)]);
            if (data[next] == (byte)'"')
            {
                _inQuotes = !_inQuotes;
            }
            else
            {
                _line++;
                _atRecordStart = !_inQuotes;
            }

            data = data[(next + 1)..];
        }
    }

    private void Finish()
    {
        if (_inHeader)
            WriteHeader();
        for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
            _pending.Write("\r"u8);
    }

    private ReadOnlySpan<byte> FeedHeader(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)'\n');
        _header.AddRange(end < 0 ? data : data[..end]);
        if (end < 0)
            return [];
        WriteHeader();
        _inHeader = false;
        _atRecordStart = true;
        _line = 2;
        return data[(end + 1)..];
    }

    private void WriteHeader()
    {
        _pending.Write(Encoding.UTF8.GetBytes(CsvStager.OrdinalColumn + ","));
        _pending.Write(_header.ToArray());
        _pending.Write("\n"u8);
    }

    private ReadOnlySpan<byte> StartRecord(ReadOnlySpan<byte> data)
    {
        var first = data[0];
        if (first == (byte)'\r')
        {
            _pendingCarriageReturns++;
            return data[1..];
        }

        if (first == (byte)'\n')
        {
            for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
                _pending.Write("\r"u8);
            _pending.Write("\n"u8);
            _line++;
            return data[1..];
        }

        _ordinal++;
        var shift = _line - (_ordinal + 1);
        if (shift != _shift)
        {
            _shifts.Add(new LineShift(_ordinal, shift));
            _shift = shift;
        }

        _pending.Write(Encoding.ASCII.GetBytes(_ordinal.ToString(CultureInfo.InvariantCulture) + ","));
        for (; _pendingCarriageReturns > 0; _pendingCarriageReturns--)
            _pending.Write("\r"u8);
        _atRecordStart = false;
        return data;
    }
}
