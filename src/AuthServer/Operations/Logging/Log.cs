namespace AuthServer.Operations.Logging;

/// <summary>
/// Every event AuthServer logs, with stable ids: 1xxx clients, 2xxx tokens, 3xxx Bubble, 4xxx keys, 5xxx admin console.
/// No message here takes a token, a secret or a Bubble response body.
/// </summary>
public static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Client {ClientId} created by {Actor}")]
    public static partial void ClientCreated(this ILogger logger, string clientId, string actor);

    [LoggerMessage(1002, LogLevel.Information, "Client {ClientId} updated by {Actor}")]
    public static partial void ClientUpdated(this ILogger logger, string clientId, string actor);

    [LoggerMessage(1003, LogLevel.Information, "Client {ClientId} removed by {Actor}")]
    public static partial void ClientRemoved(this ILogger logger, string clientId, string actor);

    [LoggerMessage(1004, LogLevel.Information, "Client {ClientId} given a new secret by {Actor}")]
    public static partial void ClientSecretChanged(this ILogger logger, string clientId, string actor);

    [LoggerMessage(1060, LogLevel.Information, "Scope {Scope} created by {Actor}, granting audiences {Resources}")]
    public static partial void ScopeCreated(this ILogger logger, string scope, string actor, string resources);

    [LoggerMessage(1061, LogLevel.Information, "Scope {Scope} updated by {Actor}, granting audiences {Resources}")]
    public static partial void ScopeUpdated(this ILogger logger, string scope, string actor, string resources);

    [LoggerMessage(1062, LogLevel.Information, "Scope {Scope} removed by {Actor}")]
    public static partial void ScopeRemoved(this ILogger logger, string scope, string actor);

    [LoggerMessage(1005, LogLevel.Warning, "Client {ClientId} asked for {GrantType}, which it may not use")]
    public static partial void ClientGrantRefused(this ILogger logger, string clientId, string grantType);

    [LoggerMessage(1006, LogLevel.Warning, "Client {ClientId} is over its request or failed-authentication limit; refused for now")]
    public static partial void ClientThrottled(this ILogger logger, string clientId);

    [LoggerMessage(1010, LogLevel.Warning, "Client {ClientId} is configured in a way that does not do what it suggests: {Warning}")]
    public static partial void ClientDefinitionWarning(this ILogger logger, string clientId, string warning);

    [LoggerMessage(1011, LogLevel.Warning, "Client {ClientId} is public but asked for {GrantType}, which only a confidential client may use")]
    public static partial void PublicClientRefused(this ILogger logger, string clientId, string grantType);

    [LoggerMessage(1020, LogLevel.Warning, "Client {ClientId} presented its secret {SecretId}, which expired at {ExpiresUtc:u}; refused as a wrong secret (invalid_client)")]
    public static partial void ExpiredClientSecretPresented(this ILogger logger, string clientId, string secretId, DateTime expiresUtc);

    [LoggerMessage(1021, LogLevel.Warning, "Client {ClientId} presented its secret {SecretId}, which was revoked at {RevokedUtc:u}; refused as a wrong secret (invalid_client)")]
    public static partial void RevokedClientSecretPresented(this ILogger logger, string clientId, string secretId, DateTime revokedUtc);

    [LoggerMessage(1022, LogLevel.Information, "Client {ClientId} given the additional secret {SecretId} by {Actor} (expires {Expires}; the other live secrets {Others})")]
    public static partial void ClientSecretAdded(this ILogger logger, string clientId, string secretId, string actor, string expires, string others);

    [LoggerMessage(1023, LogLevel.Information, "Client {ClientId}'s secret {SecretId} revoked by {Actor}")]
    public static partial void ClientSecretRevoked(this ILogger logger, string clientId, string secretId, string actor);

    [LoggerMessage(1024, LogLevel.Warning, "The last use of client {ClientId}'s secret {SecretId} was not recorded ({Error}); the authentication succeeded")]
    public static partial void ClientSecretLastUseNotRecorded(this ILogger logger, string clientId, string secretId, string error);

    [LoggerMessage(1030, LogLevel.Warning, "Client {ClientId} presented a client assertion (private_key_jwt) that was refused: {Reason}; answered invalid_client")]
    public static partial void ClientAssertionRefused(this ILogger logger, string clientId, string reason);

    [LoggerMessage(1031, LogLevel.Warning, "Client {ClientId} presented a client assertion whose jti was used before (a replay); answered invalid_client")]
    public static partial void ClientAssertionReplayed(this ILogger logger, string clientId);

    [LoggerMessage(1032, LogLevel.Warning, "Client {ClientId} authenticates only with private_key_jwt but sent a secret; answered invalid_client")]
    public static partial void ClientSecretRefusedForKeyOnlyClient(this ILogger logger, string clientId);

    [LoggerMessage(1033, LogLevel.Warning, "Client {ClientId} presented a client assertion that failed validation ({Reason}: signature, registered key, algorithm, type or lifetime); answered invalid_client")]
    public static partial void ClientAssertionInvalid(this ILogger logger, string clientId, string reason);

    [LoggerMessage(1034, LogLevel.Information, "Client {ClientId} given new public keys for private_key_jwt by {Actor} (private_key_jwt only: {PrivateKeyJwtOnly})")]
    public static partial void ClientKeysChanged(this ILogger logger, string clientId, string actor, bool privateKeyJwtOnly);

    [LoggerMessage(1050, LogLevel.Warning, "Bubble:SharedAudiences lets token_exchange clients of different Bubble apps or versions reach {Audiences}: an API of these audiences receives tokens of several apps' users, whose ids may collide, so it must tell them apart by client_id itself")]
    public static partial void SharedAudiencesConfigured(this ILogger logger, string audiences);

    [LoggerMessage(1051, LogLevel.Error, "Configuration fault: audience {Audience} of client {ClientId} is also reachable through client {OtherClientId}, bound to another Bubble app or version; refused the token (server_error). Give each Bubble app its own audience, or list it in Bubble:SharedAudiences")]
    public static partial void AudienceReachableByAnotherBinding(this ILogger logger, string clientId, string audience, string otherClientId);

    [LoggerMessage(1052, LogLevel.Warning, "Refused an introspection by client {ClientId}: its id is an audience of the token, but it is not declared as that API's resource server (Clients:N:ResourceServer); answered active: false")]
    public static partial void UndeclaredResourceServerIntrospection(this ILogger logger, string clientId);

    [LoggerMessage(1053, LogLevel.Error, "Configuration fault: client {ClientId} has the shape of a Bubble user id (digits x digits), so its token's sub could be taken for a Bubble user's; refused its client_credentials token (server_error). Give it another id")]
    public static partial void BubbleShapedClientIdRefused(this ILogger logger, string clientId);

    [LoggerMessage(2001, LogLevel.Information, "Issued tokens to client {ClientId} for subject {Subject} by {GrantType}, scopes {Scopes}")]
    public static partial void TokenIssued(this ILogger logger, string clientId, string subject, string grantType, string scopes);

    [LoggerMessage(2002, LogLevel.Warning, "Possible refresh token theft: a rotated refresh token of client {ClientId} for subject {Subject} was replayed after the leeway; its whole chain is revoked")]
    public static partial void RefreshTokenReplayed(this ILogger logger, string clientId, string subject);

    [LoggerMessage(2006, LogLevel.Error, "The store could not be reached for {Path} ({Failure}); answered 503 temporarily_unavailable")]
    public static partial void StoreUnavailable(this ILogger logger, string path, string failure);

    [LoggerMessage(2007, LogLevel.Information, "Waiting for another node's start-up (migration, configuration, first keys) to finish")]
    public static partial void WaitingForAnotherNodesStartup(this ILogger logger);

    [LoggerMessage(2010, LogLevel.Warning, "Refused a refresh of client {ClientId} for subject {Subject}: the chain began with another Bubble app than the client's current one")]
    public static partial void RefreshRefusedForMovedApp(this ILogger logger, string clientId, string subject);

    [LoggerMessage(2070, LogLevel.Information, "Refused a revocation by client {ClientId}: the token was issued to another client")]
    public static partial void ForeignTokenRevocationRefused(this ILogger logger, string clientId);

    [LoggerMessage(2011, LogLevel.Information, "Revoked {Count} tokens of the chain of a revoked refresh token of client {ClientId}")]
    public static partial void RefreshChainRevoked(this ILogger logger, long count, string clientId);

    [LoggerMessage(2003, LogLevel.Information, "Rejected a malformed request to {Path}: {Reason}")]
    public static partial void MalformedRequest(this ILogger logger, string path, string reason);

    [LoggerMessage(2050, LogLevel.Information, "Refused client authentication at the {Endpoint} endpoint: the client id holds control characters or is longer than any client id can be")]
    public static partial void ImpossibleClientId(this ILogger logger, string endpoint);

    [LoggerMessage(2051, LogLevel.Information, "{Method} {Path} was aborted by the client after {ElapsedMilliseconds} ms; its work was cancelled")]
    public static partial void RequestAbortedByClient(this ILogger logger, string method, string path, long elapsedMilliseconds);

    [LoggerMessage(2004, LogLevel.Information, "Pruned {Tokens} expired tokens and {Authorizations} spent authorizations")]
    public static partial void Pruned(this ILogger logger, int tokens, int authorizations);

    [LoggerMessage(2005, LogLevel.Error, "Pruning failed; it runs again at the next interval")]
    public static partial void PruningFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3001, LogLevel.Information, "Bubble app {BubbleApp} rejected the subject token of client {ClientId} ({StatusCode})")]
    public static partial void BubbleRejectedToken(this ILogger logger, string bubbleApp, string clientId, int statusCode);

    [LoggerMessage(3002, LogLevel.Warning, "Bubble app {BubbleApp} is unavailable for client {ClientId}: {Reason}")]
    public static partial void BubbleUnavailable(this ILogger logger, string bubbleApp, string clientId, string reason);

    [LoggerMessage(3003, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} answered {StatusCode} for workflow {Workflow}; check that the backend workflow exists, is exposed and takes no parameters")]
    public static partial void BubbleMisconfigured(this ILogger logger, string bubbleApp, int statusCode, string workflow);

    [LoggerMessage(3004, LogLevel.Warning, "Configuration fault: Bubble field {Field} of app {BubbleApp} is not a string, number or boolean, so it is not copied into the token")]
    public static partial void BubbleClaimIgnored(this ILogger logger, string field, string bubbleApp);

    [LoggerMessage(3005, LogLevel.Information, "Bubble app {BubbleApp} said the token of client {ClientId} belongs to no user (an admin key?)")]
    public static partial void BubbleTokenHasNoUser(this ILogger logger, string bubbleApp, string clientId);

    [LoggerMessage(3006, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} gave an answer AuthServer cannot read ({StatusCode}); whoami must answer a JSON object whose response holds user_id and email")]
    public static partial void BubbleAnswerUnreadable(this ILogger logger, string bubbleApp, int statusCode);

    [LoggerMessage(3010, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} answered workflow {Workflow} with more than {Limit} bytes; it should return only user_id, email and the client's BubbleClaims")]
    public static partial void BubbleAnswerTooLarge(this ILogger logger, string bubbleApp, string workflow, int limit);

    [LoggerMessage(3011, LogLevel.Warning, "Configuration fault: Bubble field {Field} of app {BubbleApp} is not copied into the token: {Reason}")]
    public static partial void BubbleClaimDropped(this ILogger logger, string field, string bubbleApp, string reason);

    [LoggerMessage(3012, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} answered a user_id or email that is not plain text or is too long (limits {UserIdLimit} and {EmailLimit} characters)")]
    public static partial void BubbleIdentityUnusable(this ILogger logger, string bubbleApp, int userIdLimit, int emailLimit);

    [LoggerMessage(3050, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} answered workflow {Workflow} with a user_id that is not a Bubble unique id (digits x digits); it must return Current User's unique id")]
    public static partial void BubbleUserIdNotBubbleShaped(this ILogger logger, string bubbleApp, string workflow);

    [LoggerMessage(5020, LogLevel.Information, "Admin console: tested the whoami of Bubble app {BubbleApp} for client {ClientId}: {Outcome}")]
    public static partial void WhoamiTested(this ILogger logger, string clientId, string bubbleApp, string outcome);

    [LoggerMessage(4001, LogLevel.Information, "Created {Use} key {KeyId} ({Algorithm}), active from {ActivatesUtc:o}, by {Actor}")]
    public static partial void KeyCreated(this ILogger logger, string use, string keyId, string algorithm, DateTime activatesUtc, string actor);

    [LoggerMessage(4002, LogLevel.Information, "Signing key {KeyId} retired; published until {ExpiresUtc:o}")]
    public static partial void KeyRetired(this ILogger logger, string keyId, DateTime expiresUtc);

    [LoggerMessage(4003, LogLevel.Information, "Deleted expired signing key {KeyId}")]
    public static partial void KeyDeleted(this ILogger logger, string keyId);

    [LoggerMessage(4004, LogLevel.Warning, "Signing key {KeyId} revoked by {Actor}")]
    public static partial void KeyRevoked(this ILogger logger, string keyId, string actor);

    [LoggerMessage(4006, LogLevel.Error, "Key maintenance failed; the current keys keep serving and it runs again at the next check")]
    public static partial void KeyMaintenanceFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4007, LogLevel.Warning, "Could not reread the keys from the store; serving the keys loaded before")]
    public static partial void KeyRingRefreshFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4020, LogLevel.Information, "Development: the signing keys' protection keys are stored unencrypted; set DataProtection:CertificatePath to encrypt them")]
    public static partial void KeyRingUnencryptedInDevelopment(this ILogger logger);

    [LoggerMessage(4021, LogLevel.Warning, "The Data Protection key ring, which protects the signing keys in the store, is stored unencrypted: anyone with a copy of the database can sign tokens. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) or DataProtection:CertificateThumbprint")]
    public static partial void KeyRingUnencrypted(this ILogger logger);

    [LoggerMessage(4005, LogLevel.Information, "Key set changed; signing with {KeyId}")]
    public static partial void KeySetReloaded(this ILogger logger, string keyId);

    /// <summary>An audited admin action with no event of its own (admin accounts, sign-ins); a client or key change logs 1001–1004 or 4001/4004 instead, once.</summary>
    [LoggerMessage(5001, LogLevel.Information, "Audit: {Actor} {Action} (client {ClientId}, key {KeyId}): {Detail}")]
    public static partial void AdminAction(this ILogger logger, string actor, string action, string clientId, string keyId, string detail);

    [LoggerMessage(5002, LogLevel.Warning, "Admin account {Name} is locked until {LockoutEndUtc:o} after {Failures} wrong passwords in a row")]
    public static partial void AdminLockedOut(this ILogger logger, string name, DateTime lockoutEndUtc, int failures);

    [LoggerMessage(5003, LogLevel.Warning, "Refused an admin console sign-in for a name that is no admin account")]
    public static partial void AdminSignInUnknownName(this ILogger logger);

    [LoggerMessage(5004, LogLevel.Information, "Ended an admin console session of {Name}: the account was removed or signed out since")]
    public static partial void AdminSessionEnded(this ILogger logger, string name);

    [LoggerMessage(5050, LogLevel.Warning, "Refused the right password of admin {Name}: guesses running at the same time locked the account")]
    public static partial void AdminSignInRefusedByParallelLockout(this ILogger logger, string name);

    [LoggerMessage(5051, LogLevel.Debug, "Refused an admin console sign-in attempt over the limits (429, retry after {RetryAfterSeconds} s)")]
    public static partial void AdminSignInThrottled(this ILogger logger, int retryAfterSeconds);

    [LoggerMessage(5052, LogLevel.Warning, "The admin console is served on the server's public addresses; set Admin:Urls to a private address (such as http://127.0.0.1:5080, reached through an SSH tunnel) or Admin:Enabled=false")]
    public static partial void AdminConsoleOnPublicAddresses(this ILogger logger);

    [LoggerMessage(5070, LogLevel.Information, "Admin console: {ConsoleUrls}")]
    public static partial void AdminConsoleAt(this ILogger logger, string consoleUrls);

    [LoggerMessage(5071, LogLevel.Warning, "Admin console: {ConsoleUrls}. No admin account exists yet. {HowToAdd}")]
    public static partial void AdminConsoleWithoutAdmins(this ILogger logger, string consoleUrls, string howToAdd);

    [LoggerMessage(3070, LogLevel.Error, "Configuration fault: Bubble app {BubbleApp} resolves to a loopback, private or link-local address; the call was not made (Bubble:AllowPrivateAddresses is false)")]
    public static partial void BubblePrivateAddressRefused(this ILogger logger, string bubbleApp);

    // 6001–6019: Bubble sessions at a refresh. 6020–6039: sessions ended by a client, the console or the CLI.
    [LoggerMessage(6001, LogLevel.Information, "Ended the chain {ChainId} of client {ClientId} for user {Subject}: Bubble app {BubbleApp} no longer knows the Bubble login it came from")]
    public static partial void BubbleSessionEnded(this ILogger logger, string chainId, string clientId, string subject, string bubbleApp);

    [LoggerMessage(6002, LogLevel.Error, "Security: Bubble app {BubbleApp} answered user {AnsweredUser} for the Bubble token of the chain {ChainId} of user {Subject}, client {ClientId}; the chain is ended")]
    public static partial void BubbleSessionUserChanged(this ILogger logger, string bubbleApp, string answeredUser, string chainId, string subject, string clientId);

    [LoggerMessage(6003, LogLevel.Information, "Ended the chain {ChainId} of client {ClientId} for user {Subject}: it reached its absolute lifetime")]
    public static partial void SessionReachedAbsoluteEnd(this ILogger logger, string chainId, string clientId, string subject);

    [LoggerMessage(6004, LogLevel.Warning, "Bubble session check of the chain {ChainId} of client {ClientId} postponed: Bubble app {BubbleApp} {Reason}; the chain is kept and the refresh answered 503")]
    public static partial void BubbleSessionCheckPostponed(this ILogger logger, string chainId, string clientId, string bubbleApp, string reason);

    [LoggerMessage(6005, LogLevel.Warning, "Bubble session check of the chain {ChainId} of client {ClientId} skipped: its stored Bubble token cannot be decrypted (the Data Protection key ring changed)")]
    public static partial void BubbleSessionTokenUnreadable(this ILogger logger, string chainId, string clientId);

    [LoggerMessage(6020, LogLevel.Information, "Ended {Count} sessions of {User} ({Scope}) at the request of {Actor}")]
    public static partial void UserSessionsEnded(this ILogger logger, int count, string user, string scope, string actor);

    [LoggerMessage(6021, LogLevel.Information, "Ended the session {ChainId} of client {ClientId} for user {Subject} at the request of {Actor}")]
    public static partial void UserSessionEnded(this ILogger logger, string chainId, string clientId, string subject, string actor);

    [LoggerMessage(6022, LogLevel.Information, "Refused a request of client {ClientId} to end a user's sessions: {Reason}")]
    public static partial void EndSessionsRefused(this ILogger logger, string clientId, string reason);
}
