namespace Analytics.Pipeline.Settings;

/// <summary>A configuration problem, said in one line naming the key; the CLI prints it and exits 1.</summary>
public sealed class SettingsException(string message, Exception? inner = null) : Exception(message, inner);
