namespace Analytics.Warehouse.Tests.DuckDb;

/// <summary>
/// Tests that read the process's memory (RSS, GC heap) run alone, after the parallel ones: another test
/// allocating at the same time shows up as a "leak" in theirs.
/// </summary>
[CollectionDefinition(nameof(MemoryMeasuringTests), DisableParallelization = true)]
public sealed class MemoryMeasuringTests;
