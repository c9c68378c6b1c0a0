using Analytics.Warehouse.Reference;

namespace Analytics.Warehouse.Mapping;

/// <summary>How a landing file of a feed is laid out.</summary>
internal enum PayloadShape
{
    /// <summary>CSV with a header row; columns mapped by header name.</summary>
    Csv,

    /// <summary>A bare JSON array of record objects (CALLR <c>result</c>).</summary>
    JsonArray,

    /// <summary>A JSON object whose <see cref="FeedMapping.Envelope"/> member is the array of records.</summary>
    JsonEnvelope,
}

/// <summary>
/// Everything the loader needs to know about one source/feed: its raw table, file shape, and the mapping
/// template (with its values) that turns a batch's raw rows into unified calls/sms and rejects.
/// </summary>
internal sealed record FeedMapping(
    string Source,
    string Feed,
    string RawTable,
    PayloadShape Shape,
    string? Envelope,
    string Template,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string>? RowTables = null)
{
    /// <summary>
    /// The tables that hold one row per raw row the mapping took, by load id: <c>calls</c> and <c>sms</c>, or
    /// <c>call_legs</c> where the raw rows are legs (several legs make one call).
    /// </summary>
    public IReadOnlyList<string> MappedTables => RowTables ?? ["calls", "sms"];

    /// <summary>The regions this mapping's numbers may be national numbers of (<c>an_national</c>'s branches): US, plus TeleVoIPs' home country.</summary>
    public IReadOnlyList<string> HomeRegions { get; init; } = ["US"];

    /// <summary>CSV columns a TeleVoIPs file must have; the rest are optional (NULL when absent).</summary>
    public static readonly IReadOnlyList<string> RequiredCsvColumns =
        ["calldate", "src", "dst", "dcontext", "duration", "billsec", "disposition", "uniqueid"];

    /// <summary>
    /// The steps that map the raw rows of <paramref name="loadIds"/> (already inserted) into the unified tables, in
    /// order. A step with a <see cref="MappingStep.Guard"/> runs only when that query counts more than zero rows.
    /// </summary>
    public IReadOnlyList<MappingStep> UnifySteps(IEnumerable<long> loadIds)
    {
        var steps = Steps(Render(loadIds)[0]);
        return [steps[0] with { Sql = SqlTemplates.Get("macros") + "\n" + HomeCountry.NationalMacro(HomeRegions) + "\n" + steps[0].Sql }, .. steps.Skip(1)];
    }

    /// <summary>
    /// The statements that record why rows of <paramref name="loadIds"/> were rejected; run after <see cref="UnifySteps"/>
    /// (they read its views), and only when some raw rows did not reach calls or sms: they are the pass that works out
    /// every row's reason.
    /// </summary>
    public string RejectsSql(IEnumerable<long> loadIds) => Render(loadIds)[1];

    // A template's statements, split at its "-- @rejects" line.
    private string[] Render(IEnumerable<long> loadIds)
    {
        var ids = loadIds.ToList();
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal) { ["load_ids"] = SqlTemplates.Ids(ids), ["source"] = Source };
        var sql = SqlTemplates.Render(Template, values, ids);
        var marker = sql.IndexOf(RejectsMarker, StringComparison.Ordinal);
        if (marker < 0)
            throw new InvalidOperationException($"mapping SQL {Template}.sql has no {RejectsMarker} line");
        return [sql[..marker], sql[marker..]];
    }

    // Sections start at "-- @when: <query>" lines (one line each); what comes before the first one always runs.
    private static List<MappingStep> Steps(string sql)
    {
        var steps = new List<MappingStep>();
        string? guard = null;
        var at = 0;
        while (true)
        {
            var next = sql.IndexOf(WhenMarker, at, StringComparison.Ordinal);
            steps.Add(new MappingStep(guard, sql[at..(next < 0 ? sql.Length : next)]));
            if (next < 0)
                return steps;
            var end = sql.IndexOf('\n', next);
            end = end < 0 ? sql.Length : end;
            guard = sql[(next + WhenMarker.Length)..end].Trim().TrimEnd(';');
            at = end;
        }
    }

    private const string RejectsMarker = "-- @rejects";
    private const string WhenMarker = "-- @when:";
}

/// <summary>Statements of a mapping; when <paramref name="Guard"/> is given, run only if it counts more than zero rows.</summary>
internal sealed record MappingStep(string? Guard, string Sql);
