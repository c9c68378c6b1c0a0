using System.Data.Common;
using Analytics.Landing;
using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Reference;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Settings a source's mapping depends on, checked against DuckDB before anything loads: a bad one skips that source
/// (one <see cref="LoadSkip"/> naming the setting) instead of failing its mapping half way and every source after it.
/// </summary>
internal static class SourceSettingsCheck
{
    public static async Task<List<LoadSkip>> InvalidAsync(DbConnection connection, MappingSettings settings, CancellationToken cancellationToken)
    {
        var skipped = new List<LoadSkip>();
        if (!TeleVoipsClock.IsAuto(settings.TeleVoipsTimeZone) && !await KnownZoneAsync(connection, settings.TeleVoipsTimeZone, cancellationToken))
        {
            skipped.Add(new LoadSkip(LandingFeeds.TeleVoips, null, null, "Sources:TeleVoips:TimeZone",
                $"{LandingFeeds.TeleVoips} skipped: Sources:TeleVoips:TimeZone '{settings.TeleVoipsTimeZone}' is not a time zone (expected an IANA name such as Europe/Paris); its files stay in landing"));
        }

        if (HomeCountry.CallingCode(settings.TeleVoipsHomeCountry) is null)
        {
            skipped.Add(new LoadSkip(LandingFeeds.TeleVoips, null, null, "Sources:TeleVoips:HomeCountry",
                $"{LandingFeeds.TeleVoips} skipped: Sources:TeleVoips:HomeCountry '{settings.TeleVoipsHomeCountry}' is not a country libphonenumber knows (expected an ISO 3166 code such as US); its files stay in landing"));
        }

        return skipped;
    }

    // DuckDB's ICU is the judge: the mapping converts TeleVoIPs' local times with it.
    private static async Task<bool> KnownZoneAsync(DbConnection connection, string zone, CancellationToken cancellationToken)
    {
        try
        {
            await Sql.ExecAsync(connection, $"SELECT timezone({SqlTemplates.Literal(zone)}, TIMESTAMP '2000-01-01 00:00:00')", cancellationToken);
            return true;
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
