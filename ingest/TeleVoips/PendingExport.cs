using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Ingest.TeleVoips;

/// <summary>The export being polled, kept in the landing zone's state so a restarted process resumes it instead of starting over.</summary>
internal sealed record PendingExport(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("first_poll")] DateTimeOffset FirstPoll)
{
    public static string Key(DateOnly day) => $"export-{day:yyyy-MM-dd}";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PendingExport? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<PendingExport>(json);
        }
        catch (JsonException)
        {
            // Unreadable state only costs a fresh export; it must not block ingest forever.
            return null;
        }
    }
}
