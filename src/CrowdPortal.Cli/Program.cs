using CrowdPortal.Cli;
using OpenCvSharp;

// OpenCV writes its own warnings straight to stderr ("[ WARN:0] ... can't be used to capture by name"); every failure
// the user needs to know about is reported by the CLI itself in one line, so the native log stays silent.
Cv2.SetLogLevel(OpenCvSharp.LogLevel.SILENT);

// Ctrl+C cancels the running analysis cleanly (partial outputs are flushed by their sinks' disposal).
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await CliApp.RunAsync(args, CliConsole.System, cancel.Token);
