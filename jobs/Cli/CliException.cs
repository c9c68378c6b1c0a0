namespace Analytics.Jobs;

/// <summary>A failure the user can act on: printed as one line, exit code 1, no stack trace.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
