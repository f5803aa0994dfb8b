namespace NotebookAnalysis.Tests.Support;

/// <summary>Data read from ../shared beside the repository (never copied into it): the skip reason when it is absent.</summary>
internal static class SharedData
{
    /// <summary>Null when <paramref name="path"/> exists; otherwise a reason that names the path and what cannot run.</summary>
    /// <param name="path">The file or folder looked for.</param>
    /// <param name="what">What it is, e.g. "NIST StRD data".</param>
    /// <param name="consequence">What cannot run without it.</param>
    public static string? MissingReason(string path, string what, string consequence) =>
        File.Exists(path) || Directory.Exists(path)
            ? null
            : $"{what} not found at {path} (beside the repository, under ../shared); it is not copied into the project, so {consequence} cannot run here.";
}
