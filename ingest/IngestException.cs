namespace Analytics.Ingest;

/// <summary>An ingest failure with a one-line message naming the source and what went wrong; never carries a secret.</summary>
public class IngestException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider refused the credentials (HTTP 401/403 or a JSON-RPC 401): retrying cannot help.</summary>
public sealed class CredentialsRejectedException(string message) : IngestException(message);
