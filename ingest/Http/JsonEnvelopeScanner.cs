using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Analytics.Ingest.Http;

/// <summary>
/// What a landed JSON payload holds: the number of items of its record array and the scalar values of its
/// envelope (paths like <c>meta.total_pages</c>, <c>searchId</c>, <c>error.code</c>) and of its first record
/// (<c>first.uuid</c>), read in one streaming pass.
/// </summary>
/// <param name="RecordKeys">A 64-bit hash of each record's key property (see <see cref="JsonEnvelopeScanner.ScanAsync"/>), in order.</param>
internal sealed record JsonScan(long Items, bool HasArray, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<ulong> RecordKeys)
{
    public string? Value(string path) => Values.TryGetValue(path, out var value) ? value : null;

    public bool Has(string path) => Values.ContainsKey(path);
}

/// <summary>
/// Validates that a stream is exactly one complete JSON document (a truncated page throws <see cref="JsonException"/>)
/// and counts the elements of one top-level array without materialising it, so big payloads stay out of memory.
/// </summary>
internal static class JsonEnvelopeScanner
{
    /// <param name="arrayProperty">Property of the root object holding the records; null when the root is the array.</param>
    /// <param name="keyProperties">Properties of a record that identify it (the first present counts), e.g. <c>uuid</c>, <c>id</c>.</param>
    public static async Task<JsonScan> ScanAsync(Stream stream, string? arrayProperty, CancellationToken cancellationToken,
        params string[] keyProperties)
    {
        var state = new Walker(arrayProperty, keyProperties);
        var readerState = new JsonReaderState();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var filled = 0;
            var final = false;
            while (true)
            {
                if (!final)
                {
                    if (filled == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    final = read == 0;
                    filled += read;
                }

                var consumed = state.Feed(buffer.AsSpan(0, filled), final, ref readerState);
                if (final)
                    break;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!state.SawRoot)
            throw new JsonException("empty body");
        return new JsonScan(state.Items, state.HasArray, state.Values, state.Keys);
    }

    private sealed class Walker(string? arrayProperty, string[] keyProperties)
    {
        private long _keyedItem;

        private readonly string?[] _names = new string?[8];
        private readonly List<bool> _isArray = [];
        private int _recordArrayDepth = -1;

        public long Items { get; private set; }

        public bool HasArray { get; private set; }

        public bool SawRoot { get; private set; }

        public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

        public List<ulong> Keys { get; } = [];

        public int Feed(ReadOnlySpan<byte> data, bool final, ref JsonReaderState readerState)
        {
            var reader = new Utf8JsonReader(data, final, readerState);
            while (reader.Read())
            {
                SawRoot = true;
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (depth < _names.Length)
                            _names[depth] = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        CountItem(depth);
                        if (reader.TokenType == JsonTokenType.StartArray && _recordArrayDepth < 0 && IsRecordArray(depth))
                        {
                            _recordArrayDepth = depth;
                            HasArray = true;
                        }

                        _isArray.Add(reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        _isArray.RemoveAt(_isArray.Count - 1);
                        if (depth == _recordArrayDepth)
                            _recordArrayDepth = int.MaxValue;
                        break;
                    default:
                        CountItem(depth);
                        if (keyProperties.Length > 0 && _keyedItem != Items && _recordArrayDepth >= 0 && _recordArrayDepth != int.MaxValue
                            && depth == _recordArrayDepth + 2 && depth < _names.Length && reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                            && Array.IndexOf(keyProperties, _names[depth]) >= 0)
                        {
                            _keyedItem = Items;
                            Keys.Add(Fnv1a(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
                        }

                        if (Items == 1 && _recordArrayDepth >= 0 && _recordArrayDepth != int.MaxValue && depth == _recordArrayDepth + 2
                            && _isArray.Count == depth && !_isArray[^1])
                            Values[$"first.{_names[depth]}"] = Scalar(ref reader);
                        else if (depth is 1 or 2 && _isArray.Count == depth && !_isArray[^1] && _isArray.TrueForAll(a => !a))
                            Values[depth == 1 ? _names[1]! : $"{_names[1]}.{_names[2]}"] = Scalar(ref reader);
                        break;
                }
            }

            readerState = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        // 64 bits: a false "already seen" among a million keys has odds of about 1 in 30 million.
        private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
        {
            var hash = 14695981039346656037UL;
            foreach (var b in bytes)
                hash = (hash ^ b) * 1099511628211UL;
            return hash;
        }

        private bool IsRecordArray(int depth) =>
            arrayProperty is null ? depth == 0 : depth == 1 && _isArray.Count == 1 && !_isArray[0] && _names[1] == arrayProperty;

        private void CountItem(int depth)
        {
            if (_recordArrayDepth >= 0 && _recordArrayDepth != int.MaxValue && depth == _recordArrayDepth + 1)
                Items++;
        }

        private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => Encoding.UTF8.GetString(reader.ValueSpan),
        };
    }
}
