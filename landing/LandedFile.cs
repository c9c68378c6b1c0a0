namespace Analytics.Landing;

/// <summary>A landed payload as the loaders see it: where it is and what the manifest promises about it.</summary>
/// <param name="Source">Source name (<c>televoips</c>, <c>telnyx</c>, <c>callr</c>, <c>telgorithm</c>).</param>
/// <param name="Feed">Feed name, e.g. <c>cdrs</c>, <c>messaging</c>, <c>cdr_in</c>, <c>calls</c>.</param>
/// <param name="Day">Day folder it lives in.</param>
/// <param name="Path">Absolute path of the payload file.</param>
/// <param name="Entry">Its manifest line (sha256, bytes, records, url, fetched_at).</param>
public sealed record LandedFile(string Source, string Feed, DateOnly Day, string Path, ManifestEntry Entry)
{
    public string Sha256 => Entry.Sha256;

    public long Bytes => Entry.Bytes;

    public long Records => Entry.Records;
}

/// <summary>A complete day folder: every payload of that day for one source and feed, in manifest order.</summary>
public sealed record LandedDay(
    string Source,
    string Feed,
    DateOnly Day,
    string Directory,
    LandingCompletion Completion,
    IReadOnlyList<LandedFile> Files);

/// <summary>A landed file whose bytes no longer match its manifest (or whose manifest is unreadable).</summary>
public sealed class LandingCorruptException(string message) : Exception(message);
