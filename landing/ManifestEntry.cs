using System.Text.Json.Serialization;

namespace Analytics.Landing;

/// <summary>
/// One line of <c>manifest.jsonl</c> in a landing day folder: a payload file exactly as received (decompressed).
/// </summary>
/// <param name="File">File name inside the day folder, e.g. <c>page-0001.json</c>.</param>
/// <param name="Url">The URL it came from, with secrets stripped (never a key or password).</param>
/// <param name="FetchedAt">When the body was received, UTC.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Bytes">File length in bytes.</param>
/// <param name="Records">Records in the payload as counted by the client (CSV: data rows; JSON: array items).</param>
public sealed record ManifestEntry(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("fetched_at")] DateTimeOffset FetchedAt,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("records")] long Records);

/// <summary>Content of the <c>_complete</c> marker, written last when every payload of a day is landed.</summary>
/// <param name="Source">Source name, e.g. <c>telnyx</c>.</param>
/// <param name="Feed">Feed name, e.g. <c>messaging</c>.</param>
/// <param name="Day">The UTC (TeleVoIPs: export) day the folder holds.</param>
/// <param name="Files">Number of payload files in the manifest.</param>
/// <param name="Records">Sum of the manifest's records.</param>
/// <param name="Bytes">Sum of the manifest's bytes.</param>
/// <param name="CompletedAt">When the marker was written, UTC.</param>
public sealed record LandingCompletion(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("day")] DateOnly Day,
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("completed_at")] DateTimeOffset CompletedAt);
