using Analytics.Warehouse.Landing;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// A landed file that passed staging, ready for its batch: CSV files each have their own staged copy; JSON files
/// share their batch's NDJSON file, where this file's records carry <see cref="FileIndex"/> as <c>_f</c>.
/// </summary>
internal sealed record StagedFile(LandedFile File, string StagedPath, long Records, CsvStaged? Csv, int FileIndex, long MaxRecordBytes);
