using System.Globalization;
using Analytics.Landing;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// The landing zone's complete days, read one at a time: a day whose manifest or marker is damaged is a
/// <see cref="LoadSkip"/> naming its file, and the walk goes on to every other day.
/// </summary>
internal static class LandingDays
{
    public static (List<LandedDay> Days, List<LoadSkip> Skipped) Read(LandingZone landing)
    {
        var days = new List<LandedDay>();
        var skipped = new List<LoadSkip>();
        foreach (var source in Children(landing.Root))
        {
            foreach (var feed in Children(Path.Combine(landing.Root, source)))
            {
                foreach (var name in Children(Path.Combine(landing.Root, source, feed)))
                {
                    if (!DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        continue;
                    try
                    {
                        if (landing.CompleteDay(source, feed, day) is { } complete)
                            days.Add(complete);
                    }
                    catch (LandingCorruptException ex)
                    {
                        skipped.Add(new LoadSkip(source, feed, day, $"{source}/{feed}/{name}/{LandingZone.ManifestFileName}",
                            $"{source}/{feed} {name} skipped: {ex.Message}; land the day again (analytics ingest {source} --from {name} --to {name} --force)"));
                    }
                }
            }
        }

        return (days, skipped);
    }

    private static IEnumerable<string> Children(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Select(d => Path.GetFileName(d)!).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)
            : [];
}
