using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>
/// The signed-in user's notification channels (signed webhooks), their test events and delivery logs. The webhook's
/// signing secret is in the 201 answer to its creation and nowhere else, ever.
/// </summary>
[Route("api/v1/channels")]
public sealed class ChannelsApiController(NotificationChannelService channels) : ApiControllerBase
{
    private const int DeliveryLogLength = 100;

    [EndpointSummary("List your notification channels")]
    [HttpGet]
    public Task<List<ChannelDto>> List(CancellationToken ct) => channels.ListAsync(User.GetUserId(), ct);

    [EndpointSummary("Get a notification channel with its delivery state")]
    [HttpGet("{id:long}")]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(long id, CancellationToken ct) =>
        await channels.FindAsync(User.GetUserId(), id, ct) is { } channel ? Ok(channel) : NoSuchChannel();

    /// <summary>Creates a webhook channel: 201 with it and its signing secret, which is never shown again.</summary>
    [EndpointSummary("Create a notification channel (the answer holds its secret, shown once)")]
    [HttpPost]
    [Consumes("application/json")]
    [RequestSizeLimit(16 * 1024)]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create([FromBody] ChannelRequest request, CancellationToken ct)
    {
        var result = await channels.CreateAsync(User.GetUserId(), request, ct);
        return result.Channel is null
            ? ProblemResponse(StatusCodes.Status400BadRequest, "Invalid channel", result.Error!)
            : CreatedAtAction(nameof(Get), new { id = result.Channel.Id }, result.Channel);
    }

    [EndpointSummary("Change a notification channel's name, URL, events or filters")]
    [HttpPut("{id:long}")]
    [Consumes("application/json")]
    [RequestSizeLimit(16 * 1024)]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Update(long id, [FromBody] ChannelRequest request, CancellationToken ct)
    {
        var result = await channels.UpdateAsync(User.GetUserId(), id, request, ct);
        return result switch
        {
            null => NoSuchChannel(),
            { Channel: null } => ProblemResponse(StatusCodes.Status400BadRequest, "Invalid channel", result.Error!),
            _ => Ok(result.Channel),
        };
    }

    [EndpointSummary("Delete a notification channel with its delivery log")]
    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        await channels.DeleteAsync(User.GetUserId(), id, ct) ? NoContent() : NoSuchChannel();

    /// <summary>Queues a test event for this channel alone; its outcome appears in the delivery log.</summary>
    [EndpointSummary("Send a test event to a notification channel")]
    [HttpPost("{id:long}/test")]
    [ProducesResponseType<TestEventDto>(StatusCodes.Status202Accepted)]
    public async Task<IActionResult> Test(long id, CancellationToken ct) =>
        await channels.SendTestAsync(User.GetUserId(), id, ct) is { } queued ? Accepted(queued) : NoSuchChannel();

    /// <summary>Resumes a channel paused after too many failures in a row; what waited is sent next.</summary>
    [EndpointSummary("Resume a paused notification channel")]
    [HttpPost("{id:long}/resume")]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Resume(long id, CancellationToken ct) =>
        await channels.ResumeAsync(User.GetUserId(), id, ct) is { } channel ? Ok(channel) : NoSuchChannel();

    /// <summary>The newest 100 deliveries: time, event, attempts, and the status code or error of the last attempt.</summary>
    [EndpointSummary("A notification channel's delivery log")]
    [HttpGet("{id:long}/deliveries")]
    [ProducesResponseType<List<DeliveryDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Deliveries(long id, CancellationToken ct) =>
        await channels.DeliveriesAsync(User.GetUserId(), id, DeliveryLogLength, ct) is { } log ? Ok(log) : NoSuchChannel();

    private ObjectResult NoSuchChannel() => ProblemResponse(StatusCodes.Status404NotFound, "Not found", "There is no such channel.");
}
