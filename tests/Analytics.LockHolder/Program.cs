using Analytics.Warehouse;

// usage: Analytics.LockHolder <file> [read-only] — opens the file (read-write unless told), prints "ready", holds it
// until stdin closes.
var readOnly = args.Length > 1 && args[1] == "read-only";
await using var connection = readOnly ? WarehouseDatabase.OpenReadOnly(args[0]) : WarehouseDatabase.OpenReadWrite(args[0]);
Console.WriteLine("ready");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
return 0;
