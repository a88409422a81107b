using System.Diagnostics;
using System.Globalization;

namespace CrowdPortal.Cli;

/// <summary>Peak resident memory of this process (what the kernel saw, native ONNX Runtime and OpenCV memory included).</summary>
internal static class PeakMemory
{
    /// <summary>Bytes: VmHWM from /proc/self/status on Linux, else the runtime's peak working set.</summary>
    public static long PeakResidentBytes()
    {
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            foreach (string line in File.ReadLines(statusFile))
            {
                // "VmHWM:     123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb))
                    {
                        return kb * 1024;
                    }
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
