namespace AuthServer.Bubble;

public static class BubbleTokenTypes
{
    /// <summary>The <c>subject_token_type</c> of a Bubble user token in a token exchange.</summary>
    public const string User = "urn:bubble:token-type:user";
}
