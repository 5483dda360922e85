namespace BubbleSimulator;

/// <summary>The error bodies Bubble really sends (see shared/BUBBLE-FACTS.md).</summary>
public static class BubbleErrors
{
    /// <summary>Bubble echoes the rejected token in the body, which is why AuthServer never logs it.</summary>
    public static IResult Unauthorized(string token) => Results.Json(new
    {
        error_class = "Unauthorized",
        args = new { code = "1" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999) },
        message = (string?)null,
        translation = $"Invalid or expired token: {token}",
    }, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult InvalidLogin() => Results.Json(new
    {
        statusCode = 400,
        reason = "INVALID_LOGIN_CREDENTIALS",
        message = "We didn’t find an account with those login credentials",
        args = new { bubble_code = "INVALID_LOGIN_CREDENTIALS" },
    }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult WorkflowNotFound(string workflow) => Results.Json(new
    {
        statusCode = 404,
        body = new { status = "NOT_FOUND", message = $"Workflow not found {workflow}" },
    }, statusCode: StatusCodes.Status404NotFound);

    public static IResult MissingParameter(string name) => Results.Json(new
    {
        statusCode = 400,
        body = new { status = "MISSING_DATA", message = $"Missing parameter for workflow: parameter {name}" },
    }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Capacity(int status) => Results.Json(new
    {
        statusCode = status,
        body = new { status = status == 429 ? "TOO_MANY_REQUESTS" : "ERROR", message = "The app is over capacity" },
    }, statusCode: status);
}
