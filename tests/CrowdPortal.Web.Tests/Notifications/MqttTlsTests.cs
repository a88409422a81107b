using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CrowdPortal.Web.Notifications.Mqtt;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// MQTT over TLS against a real mosquitto with a certificate made here (a private CA and a server certificate for
/// 127.0.0.1): a portal that trusts the CA (Notifications:MqttCaFile) connects and its messages arrive; one that does
/// not is refused, and the channel's connection state says why in words.
/// </summary>
public sealed class MqttTlsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TrustedCertificate_CarriesTheMessages_UntrustedOneIsRefusedWithAReadableState()
    {
        await using var broker = await TlsBroker.StartAsync();
        string trustedPrefix = MqttDeliveryTests.NewPrefix();
        string refusedPrefix = MqttDeliveryTests.NewPrefix();
        await using var probe = await MqttProbe.StartOnAsync(broker.Plain, trustedPrefix + "/#", refusedPrefix + "/#");

        using (var trusting = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?>(WebhookDeliveryTests.Fast)
        {
            ["Notifications:MqttCaFile"] = broker.CaFile,
        }))
        {
            using var client = trusting.CreatePortalClient();
            await client.RegisterNewUserAsync();
            long channel = await CreateTlsChannelAsync(client, broker.TlsPort, trustedPrefix);

            await probe.WaitForAsync(m => m.Any(x => x.Topic == MqttTopics.Available(trustedPrefix) && x.Payload == MqttTopics.Online), Wait, "online over TLS");
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{channel}/test")).StatusCode);
            var events = await probe.WaitForAsync(m => m.Any(x => x.Topic == MqttTopics.Events(trustedPrefix)), Wait, "the test event over TLS");
            Assert.Equal("test", JsonDocument.Parse(events.First(x => x.Topic == MqttTopics.Events(trustedPrefix)).Payload).RootElement.GetProperty("type").GetString());
            string state = (await client.GetJsonAsync($"/api/v1/channels/{channel}")).GetProperty("connection").GetString()!;
            Assert.StartsWith($"connected to 127.0.0.1:{broker.TlsPort}", state, StringComparison.Ordinal);
        }

        using var untrusting = new PortalFactory(TestDatabaseKind.Sqlite, WebhookDeliveryTests.Fast);
        using var other = untrusting.CreatePortalClient();
        await other.RegisterNewUserAsync();
        long refused = await CreateTlsChannelAsync(other, broker.TlsPort, refusedPrefix);

        string why = await WaitForConnectionAsync(other, refused, s => s.StartsWith("not connected to", StringComparison.Ordinal));
        Assert.True(why.StartsWith($"not connected to 127.0.0.1:{broker.TlsPort}: {MqttBrokerTrust.NotTrusted}.", StringComparison.Ordinal), why);
        Assert.DoesNotContain(probe.Messages, m => m.Topic.StartsWith(refusedPrefix + "/", StringComparison.Ordinal));
    }

    private static async Task<long> CreateTlsChannelAsync(PortalClient client, int port, string prefix)
    {
        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "mqtt", name = "Broker over TLS", host = "127.0.0.1", port, tls = true, topicPrefix = prefix, events = new[] { "alert.started" } });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<string> WaitForConnectionAsync(PortalClient client, long channel, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        string state = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            state = (await client.GetJsonAsync($"/api/v1/channels/{channel}")).GetProperty("connection").GetString() ?? string.Empty;
            if (done(state))
            {
                return state;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the channel's connection state did not change in {Wait}; last: {state}");
    }

    /// <summary>A mosquitto of this test's own: MQTT over TLS on one port (certificates made here), plain MQTT on another for the probe.</summary>
    private sealed class TlsBroker : IAsyncDisposable
    {
        private readonly string _dir;
        private readonly Process _process;

        private TlsBroker(string dir, Process process, int tlsPort, int plainPort)
        {
            _dir = dir;
            _process = process;
            TlsPort = tlsPort;
            Plain = ("127.0.0.1", plainPort);
        }

        public int TlsPort { get; }

        public (string Host, int Port) Plain { get; }

        public string CaFile => Path.Combine(_dir, "ca.pem");

        public static async Task<TlsBroker> StartAsync()
        {
            string dir = Directory.CreateTempSubdirectory("cp-mqtt-tls-").FullName;
            WriteCertificates(dir);
            int tlsPort = FreePort();
            int plainPort = FreePort();
            File.WriteAllText(Path.Combine(dir, "mosquitto.conf"), $"""
                user {Environment.UserName}
                allow_anonymous true
                persistence false
                log_dest file {dir}/mosquitto.log
                listener {tlsPort} 127.0.0.1
                cafile {dir}/ca.pem
                certfile {dir}/server.pem
                keyfile {dir}/server.key
                listener {plainPort} 127.0.0.1
                """);
            var process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", Path.Combine(dir, "mosquitto.conf")])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("mosquitto did not start");
            var broker = new TlsBroker(dir, process, tlsPort, plainPort);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                try
                {
                    await using var ready = await MqttProbe.StartOnAsync(broker.Plain, "ready");
                    return broker;
                }
                catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(100);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>ca.pem (a private CA), server.pem and server.key (for 127.0.0.1 and localhost, issued by that CA).</summary>
        private static void WriteCertificates(string dir)
        {
            var from = DateTimeOffset.UtcNow.AddMinutes(-5);
            var until = DateTimeOffset.UtcNow.AddDays(1);
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=CrowdPortal test CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
            using var ca = caRequest.CreateSelfSigned(from, until);

            using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            using var server = request.Create(ca, from, until, RandomNumberGenerator.GetBytes(16));

            File.WriteAllText(Path.Combine(dir, "ca.pem"), ca.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "server.pem"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        }
    }
}
