using Analytics.Warehouse.DuckDb;

// usage: Analytics.LockHolder <file> — opens the file read-write, prints "ready", holds it until stdin closes.
using var connection = new DuckDbConnection(DuckDbConnectionString.For(args[0], readOnly: false));
connection.Open();
Console.WriteLine("ready");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
return 0;
