using System.Runtime.InteropServices;

namespace NotebookAnalysis.Output;

/// <summary>The few Linux calls .NET does not expose: <c>renameat2</c> (atomic exchange, no-replace) and <c>link</c>.</summary>
internal static class Native
{
    public const int EPERM = 1;
    private const int EINVAL = 22, ENOSYS = 38, EOPNOTSUPP = 95;
    private const int AT_FDCWD = -100;
    private const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;

    /// <summary>Swaps two paths in one step. Returns 0 or the errno; <see cref="IsUnsupported"/> says when to fall back.</summary>
    public static int Exchange(string a, string b) => RenameAt2(a, b, RENAME_EXCHANGE);

    /// <summary>Renames <paramref name="from"/> to a <paramref name="to"/> that must not exist. False when the system cannot (caller falls back).</summary>
    public static bool Rename(string from, string to, bool noReplace)
    {
        int errno = RenameAt2(from, to, noReplace ? RENAME_NOREPLACE : 0);
        if (errno == 0) return true;
        if (IsUnsupported(errno)) return false;
        throw new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} : '{to}'", errno);
    }

    /// <summary>True when the call or the flag does not exist on this system or file system.</summary>
    public static bool IsUnsupported(int errno) => errno == -1 || errno is EINVAL or ENOSYS or EOPNOTSUPP;

    /// <summary>The reason for an errno, in the words <see cref="AtomicFile.Reason"/> uses.</summary>
    public static string Describe(int errno) => AtomicFile.Reason(new IOException(Marshal.GetPInvokeErrorMessage(errno), errno), "");

    /// <summary>Creates a hard link. False (with the errno) when it fails, e.g. across file systems or where links are not supported.</summary>
    public static bool Link(string existing, string link, out int errno)
    {
        errno = -1;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try
        {
            if (LinkNative(existing, link) == 0) return true;
            errno = Marshal.GetLastPInvokeError();
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static int RenameAt2(string from, string to, uint flags)
    {
        if (!OperatingSystem.IsLinux()) return -1;
        try
        {
            return renameat2(AT_FDCWD, from, AT_FDCWD, to, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int LinkNative([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string link);
}
