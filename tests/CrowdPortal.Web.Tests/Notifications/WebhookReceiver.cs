using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, a port in 5500-5549): records every request it gets with its headers and
/// body, and answers <see cref="AnswerWith"/>. It can be stopped (connections refused) and started again on the same
/// port, like a receiver that goes down and comes back. Signatures are checked by <see cref="SignatureIsValid"/>, written
/// from the Standard Webhooks 1.0 text independently of the portal's code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private const int FirstPort = 5500;
    private const int PortCount = 50;
    private static int _nextPort;

    private readonly ConcurrentQueue<Request> _requests = new();
    private WebApplication? _app;

    public WebhookReceiver()
    {
        Port = ReservePort();
    }

    /// <summary>One request as received, and the status it was answered with.</summary>
    public sealed record Request(string? Id, string? Timestamp, string? Signature, string Body, int Status, DateTime ReceivedAt)
    {
        public string Type => JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()!;

        public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The status the next requests are answered with (200 accepts them).</summary>
    public int AnswerWith { get; set; } = StatusCodes.Status200OK;

    /// <summary>
    /// While true, requests are taken and never answered (recorded with status 0), like a receiver that hangs: the
    /// sender is caught in the middle of an attempt.
    /// </summary>
    public bool Hang { get; set; }

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    /// <summary>The requests answered with 2xx: the deliveries.</summary>
    public IReadOnlyList<Request> Accepted => _requests.Where(r => r.Status is >= 200 and < 300).ToArray();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            if (Hang)
            {
                _requests.Enqueue(new Request(context.Request.Headers["webhook-id"], context.Request.Headers["webhook-timestamp"],
                    context.Request.Headers["webhook-signature"], body, 0, DateTime.UtcNow));
                using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
                await Task.Delay(Timeout.Infinite, gone.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            int status = AnswerWith;
            _requests.Enqueue(new Request(context.Request.Headers["webhook-id"], context.Request.Headers["webhook-timestamp"],
                context.Request.Headers["webhook-signature"], body, status, DateTime.UtcNow));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 200 ? "thanks" : "not now");
        });
        await _app.StartAsync();
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests received; fails after the timeout.</summary>
    public async Task<IReadOnlyList<Request>> WaitForAsync(Func<IReadOnlyList<Request>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = Requests;
            if (done(now))
            {
                return now;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The receiver did not get {what} in {timeout}; it got: " +
            string.Join("; ", Requests.Select(r => $"{r.Status} {r.Id} {r.Body}")));
    }

    /// <summary>
    /// Standard Webhooks 1.0: <c>webhook-signature</c> holds <c>v1,</c> + base64(HMAC-SHA256(key, "id.timestamp.body")), the key
    /// being the base64 after <c>whsec_</c> in the secret; the timestamp must be recent (5 minutes either way).
    /// </summary>
    public static bool SignatureIsValid(string secret, Request request)
    {
        if (request.Id is null || request.Timestamp is null || request.Signature is null
            || !long.TryParse(request.Timestamp, out long seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        byte[] key = Convert.FromBase64String(secret["whsec_".Length..]);
        string expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        // The header may list several space-separated signatures; one match is enough.
        return request.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A port in this suite's range (5500-5549) free right now.</summary>
    private static int ReservePort()
    {
        for (int i = 0; i < PortCount; i++)
        {
            int port = FirstPort + (Interlocked.Increment(ref _nextPort) % PortCount);
            try
            {
                var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: the next.
            }
        }

        throw new InvalidOperationException("No free port in 5500-5549 for a webhook receiver.");
    }
}
