using Analytics.Ingest.Http;

namespace Analytics.Ingest.Paging;

/// <summary>
/// The records already received in one day's pull (64-bit hashes of their keys, about 24 bytes each): a page made
/// only of records seen before is evidence that the provider is serving pages again, whatever its paging claims.
/// A page that only partly overlaps is normal when records arrive while paging, and is kept.
/// </summary>
internal sealed class SeenRecords
{
    private readonly HashSet<ulong> _keys = [];

    /// <summary>True when the page has keyed records and every one of them was received earlier in this pull.</summary>
    public bool AllSeen(JsonScan page) => page.RecordKeys.Count > 0 && page.RecordKeys.All(_keys.Contains);

    public void Add(JsonScan page)
    {
        foreach (var key in page.RecordKeys)
            _keys.Add(key);
    }
}
