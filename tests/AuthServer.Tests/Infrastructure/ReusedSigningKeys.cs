using AuthServer.Keys;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Options;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// RSA signing keys for the test servers, created once per test run and handed out again: an RSA-2048 key costs
/// about 0.4 s of CPU to create, and each test server creates two, which made key creation the largest cost of the
/// suite. A key is never handed out twice within one test folder, so the servers of one test (two nodes on one
/// store, a restart, two stores side by side) always get keys as distinct as real ones; a JWT library that tries
/// every published key cannot validate a revoked key's token with a twin. Servers of different tests may share key
/// material: their issuers, stores and key ids differ. ES256 keys are cheap and made fresh.
/// </summary>
public sealed class ReusedSigningKeys(string testFolder) : SigningKeyGenerator
{
    private static readonly List<byte[]> Made = [];
    private static readonly Dictionary<string, HashSet<int>> GivenByFolder = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public override byte[] NewPkcs8(string algorithm)
    {
        if (algorithm == SigningAlgorithms.ES256)
        {
            return base.NewPkcs8(algorithm);
        }

        lock (Gate)
        {
            if (!GivenByFolder.TryGetValue(testFolder, out var given))
            {
                GivenByFolder[testFolder] = given = [];
            }

            var index = Enumerable.Range(0, Made.Count).Where(i => !given.Contains(i)).DefaultIfEmpty(-1).First();
            if (index < 0)
            {
                Made.Add(base.NewPkcs8(algorithm));
                index = Made.Count - 1;
            }

            given.Add(index);
            return (byte[])Made[index].Clone(); // the caller wipes its copy once protected
        }
    }

    /// <summary>Registers the keys of the test whose store is <paramref name="databaseFile"/> (its folder is the test's).</summary>
    public static void Use(IServiceCollection services, string databaseFile) =>
        services.AddSingleton<SigningKeyGenerator>(new ReusedSigningKeys(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!));
}
