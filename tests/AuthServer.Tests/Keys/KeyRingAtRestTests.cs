using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Keys;

/// <summary>
/// DataProtection:CertificatePath encrypts the Data Protection key ring in the store: without the
/// certificate, the stored signing keys cannot be read, so a copy of the database cannot sign tokens.
/// </summary>
public sealed class KeyRingAtRestTests : IAsyncLifetime
{
    private const string Password = "pfx-password-123";
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();

    private string Database => _directory.File("authserver.db");

    [Fact]
    public async Task With_a_certificate_the_stored_key_ring_is_encrypted_and_unreadable_without_it()
    {
        var certificate = WriteCertificate("ring.pfx");
        var withCertificate = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = certificate,
            ["DataProtection:CertificatePassword"] = Password,
        };
        string kid;
        await using (var server = await AuthServerInstance.StartAsync(Database, _logs, withCertificate))
        {
            using var tokens = new TokenClient(server.Url);
            kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await tokens.ClientCredentialsAsync()).AccessToken).Kid;
        }

        var store = await TestStore.DumpAsync(Database);
        Assert.Contains("EncryptedData", store);
        Assert.DoesNotContain("<value>", store); // an unencrypted master key is stored as <masterKey><value>…

        var withoutCertificate = await Record.ExceptionAsync(() => AuthServerInstance.StartAsync(Database, new LogCapture()));
        Assert.NotNull(withoutCertificate);

        await using var again = await AuthServerInstance.StartAsync(Database, _logs, withCertificate);
        using var againTokens = new TokenClient(again.Url);
        Assert.Equal(kid, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await againTokens.ClientCredentialsAsync()).AccessToken).Kid);
        Assert.False(_logs.HasEvent(4021), "a server with a certificate warned that the key ring is unencrypted");
    }

    [Fact]
    public async Task Without_a_certificate_outside_development_one_warning_names_the_setting()
    {
        await using var server = await AuthServerInstance.StartAsync(Database, _logs);

        Assert.True(_logs.HasEvent(4021), "no warning about the unencrypted key ring");
        Assert.Contains("DataProtection:CertificatePath", _logs.AllText);
        Assert.DoesNotContain("No XML encryptor configured", _logs.AllText);
    }

    [Fact]
    public async Task A_certificate_path_that_does_not_exist_stops_the_start_naming_the_setting()
    {
        var failure = await Record.ExceptionAsync(() => AuthServerInstance.StartAsync(Database, _logs,
            new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = _directory.File("missing.pfx") }));

        Assert.NotNull(failure);
        Assert.Contains("DataProtection:CertificatePath", AuthServer.Hosting.StartupFailure.Describe(failure));
    }

    private string WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=AuthServer key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = _directory.File(name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
