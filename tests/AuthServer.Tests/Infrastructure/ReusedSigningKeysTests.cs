using System.Security.Cryptography;
using AuthServer.Options;
using AuthServer.Keys;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The suite's reused RSA keys are never twins within one test, and are reused across tests.</summary>
public sealed class ReusedSigningKeysTests
{
    [Fact]
    public void Keys_given_to_one_test_folder_are_all_distinct_and_another_folder_reuses_them()
    {
        var first = new ReusedSigningKeys(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));
        var second = new ReusedSigningKeys(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        var mine = Enumerable.Range(0, 3).Select(_ => Modulus(first.NewPkcs8(SigningAlgorithms.RS256))).ToList();
        var theirs = Enumerable.Range(0, 3).Select(_ => Modulus(second.NewPkcs8(SigningAlgorithms.RS256))).ToList();

        Assert.Equal(3, mine.Distinct().Count());
        Assert.Equal(3, theirs.Distinct().Count());
        Assert.Contains(theirs, mine.Contains); // made once, handed out again
    }

    private static string Modulus(byte[] pkcs8)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        Assert.Equal(2048, rsa.KeySize);
        return Convert.ToBase64String(rsa.ExportParameters(false).Modulus!);
    }
}
