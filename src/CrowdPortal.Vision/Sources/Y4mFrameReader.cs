using System.Globalization;
using System.Text;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// Reads a YUV4MPEG2 stream (ffmpeg's <c>-f yuv4mpegpipe -pix_fmt yuv420p</c>): one header line that carries the frame
/// size, then per frame a <c>FRAME</c> line and the raw I420 planes. Chosen because it carries the size in-band, so
/// nothing has to probe the stream first, and it needs no re-encoding.
/// </summary>
internal sealed class Y4mFrameReader
{
    private const int MaxLineLength = 1024;
    private readonly Stream _stream;
    private readonly byte[] _line = new byte[MaxLineLength];

    public Y4mFrameReader(Stream stream) => _stream = stream;

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Bytes of one I420 frame: a full-size Y plane and quarter-size U and V planes.</summary>
    public int FrameBytes => Width * Height * 3 / 2;

    /// <summary>Reads the stream header. Returns false when the stream ends first.</summary>
    public async Task<bool> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        string? header = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            return false;
        }

        if (!header.StartsWith("YUV4MPEG2 ", StringComparison.Ordinal))
        {
            throw new InvalidDataException("not a YUV4MPEG2 stream");
        }

        foreach (string token in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (token[0])
            {
                case 'W':
                    Width = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
                    break;
                case 'H':
                    Height = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
                    break;
                case 'C' when !token.StartsWith("C420", StringComparison.Ordinal):
                    throw new InvalidDataException($"unsupported YUV4MPEG2 colour space {token}: expected 4:2:0");
            }
        }

        if (Width <= 0 || Height <= 0)
        {
            throw new InvalidDataException("YUV4MPEG2 header without a frame size");
        }

        return true;
    }

    /// <summary>Reads the next frame's planes into <paramref name="frame"/> (at least <see cref="FrameBytes"/> long).</summary>
    /// <returns>False when the stream ends cleanly before the frame.</returns>
    public async Task<bool> ReadFrameAsync(Memory<byte> frame, CancellationToken cancellationToken)
    {
        string? line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return false;
        }

        if (!line.StartsWith("FRAME", StringComparison.Ordinal))
        {
            throw new InvalidDataException("YUV4MPEG2 frame marker missing");
        }

        await _stream.ReadExactlyAsync(frame[..FrameBytes], cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int length = 0;
        while (true)
        {
            int read = await _stream.ReadAsync(_line.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return length == 0 ? null : throw new EndOfStreamException("YUV4MPEG2 stream ended inside a line");
            }

            if (_line[length] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(_line, 0, length);
            }

            if (++length == MaxLineLength)
            {
                throw new InvalidDataException("YUV4MPEG2 line too long");
            }
        }
    }
}
