using System.Runtime.InteropServices;

namespace NotebookAnalysis.Output;

/// <summary>
/// The few Linux calls .NET does not expose: <c>renameat2</c> (atomic exchange, no-replace), <c>link</c>, and
/// <c>statx</c> for a folder's identity (device, inode, whether it is a mount point).
/// </summary>
internal static class Native
{
    public const int EPERM = 1, EBUSY = 16, EXDEV = 18, EINVAL = 22, ENOSYS = 38, EOPNOTSUPP = 95;
    private const int AT_FDCWD = -100;
    private const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;
    private const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

    /// <summary>Swaps two paths in one step. Returns 0 or the errno; <see cref="CannotExchange"/> says when to fall back.</summary>
    public static int Exchange(string a, string b) => RenameAt2(a, b, RENAME_EXCHANGE);

    /// <summary>Renames <paramref name="from"/> to a <paramref name="to"/> that must not exist. False when the system cannot (caller falls back).</summary>
    public static bool RenameNoReplace(string from, string to)
    {
        int errno = RenameAt2(from, to, RENAME_NOREPLACE);
        if (errno == 0) return true;
        if (IsUnsupported(errno)) return false;
        throw new IOException($"{Describe(errno)} : '{to}'", errno);
    }

    /// <summary>True when the call or the flag does not exist on this system or file system.</summary>
    public static bool IsUnsupported(int errno) => errno == -1 || errno is EINVAL or ENOSYS or EOPNOTSUPP;

    /// <summary>
    /// True when two folders cannot be exchanged in one step but a file-by-file journal may still work: the call or
    /// flag is missing, the folder is a mount point (EBUSY), the two are on different file systems (EXDEV), or the
    /// file system refuses the operation (EPERM, e.g. some FUSE and overlay mounts).
    /// </summary>
    public static bool CannotExchange(int errno) => IsUnsupported(errno) || errno is EBUSY or EXDEV or EPERM;

    /// <summary>
    /// The reason for an errno, in words. Never throws: an errno with no words of its own is given by its number.
    /// </summary>
    public static string Describe(int errno) => errno switch
    {
        -1 => "the system has no renameat2 call",
        EPERM => "the operation is not permitted on this file system or file",
        EBUSY => "the folder is busy (it is a mount point, or in use by the system)",
        EXDEV => "the two paths are on different file systems",
        EINVAL => "the file system does not support this operation (invalid argument)",
        ENOSYS => "the system does not implement this call",
        EOPNOTSUPP => "the file system does not support this operation",
        // AtomicFile.Reason never throws, and falls back to "system error N" when the system has no words.
        _ => AtomicFile.Reason(new IOException(Marshal.GetPInvokeErrorMessage(errno), errno), ""),
    };

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

    /// <summary>
    /// The file system (device number) of <paramref name="path"/>, symbolic links followed, and whether the path is the
    /// root of a mount (tmpfs, bind mount, container volume; known on Linux 5.8 and later, otherwise false). Null when
    /// not on Linux, without statx, or when the path cannot be read.
    /// </summary>
    public static (ulong Device, bool MountRoot)? IdentityOf(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var buffer = new byte[256];
            if (statx(AT_FDCWD, path, 0, 0x1 /* STATX_TYPE */, buffer) != 0) return null;
            // struct statx: attributes u64 @8, attributes_mask u64 @56, dev_major u32 @136, dev_minor u32 @140.
            ulong attributes = BitConverter.ToUInt64(buffer, 8), mask = BitConverter.ToUInt64(buffer, 56);
            ulong device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
            return (device, (mask & attributes & STATX_ATTR_MOUNT_ROOT) != 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
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

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
