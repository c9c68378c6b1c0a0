using Analytics.Landing;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>A record taken out while staging (a JSON record naming a column twice): it becomes a reject of its file.</summary>
internal sealed record SetAsideRecord(int FileIndex, long Ordinal, string Reason, string Raw);

/// <summary>
/// A landed file that passed staging, ready for its batch. A CSV file has a staged copy of its own
/// (<see cref="StagedPath"/>); a JSON file's rows went to DuckDB as Arrow batches, tagged with <see cref="FileIndex"/>.
/// </summary>
internal sealed record StagedFile(LandedFile File, int FileIndex, string? StagedPath, long Records, CsvStaged? Csv, IReadOnlyList<SetAsideRecord> SetAside);

/// <summary>A batch after staging: the files that may load, and what became of the others.</summary>
internal sealed record StagedBatch(IReadOnlyList<StagedFile> Files, IReadOnlyList<(LandedFile File, FileLoad Outcome)> NotStaged);
