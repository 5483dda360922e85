namespace AuthServer.Bubble;

/// <summary>One field of a Bubble answer that becomes a claim: its name, its value as text and its claim value type.</summary>
public sealed record BubbleField(string Name, string Value, string ValueType)
{
    public long SizeInBytes => 48 + 2L * (Name.Length + Value.Length);
}
