namespace AuthServer.Operations.Logging;

/// <summary>
/// Thrown where our code sees for itself that the client went away (its body cut short), which Kestrel may report
/// before it cancels <see cref="HttpContext.RequestAborted"/>; <see cref="AbortedRequests"/> ends it as aborted.
/// </summary>
public sealed class ClientAbortedRequestException(string message, Exception inner) : OperationCanceledException(message, inner);
