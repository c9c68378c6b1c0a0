namespace Analytics.Bench;

internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
