using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Landing;

/// <summary>Writes timestamps as UTC with a <c>Z</c> (<c>2026-11-21T06:00:00.1234567Z</c>); reads any ISO-8601 offset.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    // A JsonException, not a FormatException: readers report it with the file and line the value came from.
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new JsonException($"'{reader.GetString()}' is not an ISO-8601 timestamp");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
