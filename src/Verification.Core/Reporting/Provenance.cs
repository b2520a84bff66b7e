using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Verification.Core.Reporting;

/// <summary>
/// What exactly ran: the code (git commit, dirty tree), the machine (runtime, OS, CPU, cores, device), the native
/// stacks (TorchSharp, libtorch, OR-Tools), the command line and the start and end times. Written to
/// <c>provenance.json</c> beside results.json — never into it, so that results.json stays byte-identical for the same
/// seed on any machine — and shown as the footer of report.md and report.html.
/// </summary>
public sealed partial record Provenance(
    string GitCommit,
    bool? GitDirty,
    string CodeVersion,
    string Runtime,
    string Os,
    string CpuModel,
    int Cores,
    string Device,
    string TorchSharp,
    string Libtorch,
    string OrTools,
    string CommandLine,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt)
{
    public const string FileName = "provenance.json";

    /// <summary>Captures the provenance of the current process (git is asked in the working folder, if present).</summary>
    public static Provenance Capture(string commandLine, string device, string codeVersion, DateTimeOffset startedAt,
        DateTimeOffset endedAt, NativeStack? native = null)
    {
        var (commit, dirty) = Git(CommitFromVersion(codeVersion));
        var packages = PackageVersions();
        return new Provenance(
            commit ?? "unknown", dirty, codeVersion,
            RuntimeInformation.FrameworkDescription,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            ReadCpuModel(), Environment.ProcessorCount, device,
            packages.GetValueOrDefault("TorchSharp") ?? AssemblyVersion("TorchSharp") ?? "unknown",
            native?.LibtorchPath is not null ? native.LibtorchVersion ?? "unknown (external)" : packages.GetValueOrDefault("libtorch") ?? "unknown",
            packages.GetValueOrDefault("Google.OrTools") ?? AssemblyVersion("Google.OrTools") ?? "unknown",
            commandLine, startedAt, endedAt) { Native = native };
    }

    /// <summary>An external libtorch and the GPU, when the run had them (null: the bundled CPU libtorch).</summary>
    public NativeStack? Native { get; init; }

    /// <summary>The command line as a shell would take it back: arguments with spaces or quotes are single-quoted.</summary>
    public static string Quote(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%".Contains(c))
            ? a
            : "'" + a.Replace("'", "'\\''") + "'"));

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["gitCommit"] = GitCommit,
            ["gitDirty"] = GitDirty,
            ["codeVersion"] = CodeVersion,
            ["runtime"] = Runtime,
            ["os"] = Os,
            ["cpuModel"] = CpuModel,
            ["cores"] = Cores,
            ["device"] = Device,
            ["torchSharp"] = TorchSharp,
            ["libtorch"] = Libtorch,
            ["orTools"] = OrTools,
            ["commandLine"] = CommandLine,
            ["startedAt"] = StartedAt.ToUniversalTime().ToString("O"),
            ["endedAt"] = EndedAt.ToUniversalTime().ToString("O"),
        };
        if (Native?.LibtorchPath is { } path) json["libtorchPath"] = path;
        if (Native?.Cuda is { } cuda) json["cuda"] = cuda;
        if (Native?.Gpu is { } gpu) json["gpu"] = gpu;
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Label → value, in the order the footers show them.</summary>
    public IReadOnlyList<(string Label, string Value)> Rows() =>
    [
        ("commit", GitCommit + (GitDirty switch { true => " (dirty tree)", false => " (clean tree)", null => "" })),
        ("command", CommandLine),
        ("started / ended", $"{StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} / {EndedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC ({(EndedAt - StartedAt).TotalSeconds:F1} s)"),
        ("machine", $"{CpuModel}, {Cores} cores, {Os}"),
        ("runtime", $"{Runtime}; device {Device}"),
        ("libraries", $"TorchSharp {TorchSharp}, libtorch {Libtorch}, OR-Tools {OrTools}"),
        .. Native is { } n && (n.LibtorchPath ?? n.Gpu) is not null
            ? new[] { ("native", $"libtorch {n.LibtorchPath ?? "bundled"}{(n.Cuda is null ? "" : $", CUDA {n.Cuda}")}{(n.Gpu is null ? "" : $", GPU {n.Gpu}")}") }
            : [],
    ];

    /// <summary>The report.md footer.</summary>
    public string Markdown()
    {
        var md = new StringBuilder("---\n\n**Provenance** (also in `provenance.json`)\n\n");
        foreach (var (label, value) in Rows()) md.Append($"- {label}: `{value.Replace("`", "'")}`\n");
        return md.ToString();
    }

    /// <summary>
    /// The commit the binary was built from (its informational version) and whether the working tree differs from it.
    /// The tree is asked only when the current folder's checkout is at that commit: run from elsewhere, the build's
    /// commit stands and "dirty" is unknown (null) rather than another repository's answer.
    /// </summary>
    private static (string? Commit, bool? Dirty) Git(string? built)
    {
        var head = RunGit("rev-parse HEAD")?.Trim();
        if (head is null || (built is not null && head != built)) return (built, null);
        var status = RunGit("status --porcelain");
        return (head, status is null ? null : status.Trim().Length > 0);
    }

    private static string? RunGit(string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(10_000)) return null;
            return p.ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null; // no git on this machine: the code version still names the build
        }
    }

    // An informational version "1.0.0+<sha>" carries the commit the build was made from.
    private static string? CommitFromVersion(string codeVersion) =>
        codeVersion.Split('+') is [_, var sha, ..] && ShaPattern().IsMatch(sha) ? sha : null;

    [GeneratedRegex("^[0-9a-f]{7,40}$")]
    private static partial Regex ShaPattern();

    private static string ReadCpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.Split(':', 2) is [_, var name])
                        return name.Trim();
        }
        catch (IOException)
        {
        }
        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>Package versions from the application's deps.json files (no native library is loaded to ask).</summary>
    private static Dictionary<string, string> PackageVersions()
    {
        var found = new Dictionary<string, string>();
        var files = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files.Where(File.Exists))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                if (!doc.RootElement.TryGetProperty("libraries", out var libs)) continue;
                foreach (var lib in libs.EnumerateObject())
                {
                    if (lib.Name.Split('/') is not [var name, var version]) continue;
                    var key = name.StartsWith("libtorch-", StringComparison.Ordinal) ? "libtorch" : name;
                    if (key is "TorchSharp" or "libtorch" or "Google.OrTools") found.TryAdd(key, version);
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
            }
        }
        return found;
    }

    private static string? AssemblyVersion(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name) is { } a
            ? a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString()
            : null;
}
