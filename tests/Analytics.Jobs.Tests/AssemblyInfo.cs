// Serve, PostgreSQL and chromium tests start processes and bind ports: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
