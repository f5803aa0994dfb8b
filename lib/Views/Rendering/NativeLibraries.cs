using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookAnalysis.Rendering;

/// <summary>
/// Lets SkiaSharp (ScottPlot's drawing library) find its native library when the notebooks load this assembly with
/// <c>#r "…/NotebookAnalysis.Rendering.dll"</c> instead of <c>#r "nuget: ScottPlot"</c>.
/// </summary>
/// <remarks>
/// The build copies the native files to <c>runtimes/&lt;rid&gt;/native/</c> beside the assemblies, but only an
/// application's deps.json (or a NuGet reference in the kernel) tells the runtime to look there, and the notebook
/// kernel's deps.json knows nothing of them. Loading through NuGet is what we avoid: SkiaSharp's package carries a
/// kernel extension whose "Loading extensions from …" message would print a machine path into every notebook.
/// </remarks>
internal static class NativeLibraries
{
    // CA2255 warns that libraries rarely need a module initializer; this one must run before any SkiaSharp call,
    // whichever public entry point a notebook reaches first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        foreach (var name in new[] { "SkiaSharp", "HarfBuzzSharp" })
        {
            Assembly assembly;
            try { assembly = Assembly.Load(name); }
            catch (FileNotFoundException) { continue; }
            try { NativeLibrary.SetDllImportResolver(assembly, Resolve); }
            catch (InvalidOperationException) { } // a resolver is already set (e.g. by the host): keep it
        }
    }

    private static IntPtr Resolve(string library, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var folder = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(folder)) return IntPtr.Zero;
        string file = OperatingSystem.IsWindows() ? library + ".dll" : OperatingSystem.IsMacOS() ? library + ".dylib" : library + ".so";
        var path = Path.Combine(folder, "runtimes", Rid(), "native", file);
        // Not there (e.g. an app whose deps.json already maps the native assets): fall back to the default probing.
        return File.Exists(path) && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }

    private static string Rid()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : IsMusl() ? "linux-musl" : "linux";
        return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }

    private static bool IsMusl() => OperatingSystem.IsLinux() && RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
}
