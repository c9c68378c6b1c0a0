using Analytics.Landing;
using Analytics.Warehouse;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

// A second process for the warehouse tests, holding a DuckDB file's lock:
//   Analytics.LockHolder <file> [read-only]
//     opens the file (read-write unless told), prints "ready", holds it until stdin closes;
//   Analytics.LockHolder load <warehouse> <landing> <checkpoint>
//     loads the landing zone with a checkpoint hook: at <checkpoint> it prints "checkpoint <name>" and waits for a line
//     on stdin (or to be killed), then carries on (the first time only); prints "loaded" at the end.
if (args[0] == "load")
{
    var stop = Enum.Parse<LoadCheckpoint>(args[3]);
    var stopped = false;
    var loader = new LandingLoader(new LandingZone(new LandingOptions { Path = args[2] }), new MappingSettings(), checkpoint: point =>
    {
        if (point != stop || stopped)
            return;
        stopped = true;
        Console.WriteLine($"checkpoint {point}");
        Console.Out.Flush();
        Console.In.ReadLine();
    });
    await loader.LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(args[1]), CancellationToken.None);
    Console.WriteLine("loaded");
    return 0;
}

var readOnly = args.Length > 1 && args[1] == "read-only";
await using var connection = readOnly ? WarehouseDatabase.OpenReadOnly(args[0]) : WarehouseDatabase.OpenReadWrite(args[0]);
Console.WriteLine("ready");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
return 0;
