using System.Text.Json.Serialization;

namespace Analytics.Landing;

/// <summary>
/// The landing zone's JSON (manifest lines, completion markers), with serialisation code generated at build time: a day
/// of 20,000 Telnyx pages has 20,000 manifest lines, read before anything loads (0.17 s instead of 0.23 s by reflection).
/// </summary>
[JsonSourceGenerationOptions(Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ManifestEntry))]
[JsonSerializable(typeof(LandingCompletion))]
internal sealed partial class LandingJsonContext : JsonSerializerContext;
