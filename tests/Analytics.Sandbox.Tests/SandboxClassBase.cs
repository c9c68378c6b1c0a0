namespace Analytics.Sandbox.Tests;

/// <summary>One small sandbox per test class (its faults and counters are not shared with other classes).</summary>
public abstract class SandboxClassBase : IAsyncLifetime
{
    private SandboxHost? _host;

    internal SandboxHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await SandboxTestKit.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
