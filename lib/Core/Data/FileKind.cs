using System.Runtime.InteropServices;

namespace NotebookAnalysis.Data;

/// <summary>
/// The type of a file system entry, found without opening it: opening a FIFO blocks until a writer appears, and a
/// device such as /dev/zero never ends, so the loader must know what a path is before it reads.
/// </summary>
/// <remarks>
/// .NET reports a FIFO, a device and a regular file alike (<c>FileAttributes.Normal</c>), so on Linux the type comes from
/// <c>statx(2)</c>, whose layout is the same on every architecture. Elsewhere only directories and missing paths are told
/// apart, and every other existing path counts as a regular file.
/// </remarks>
// Also compiled into lib/Tools/NotebookRunner as a linked source (NOTEBOOK_RUNNER makes it internal there).
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
static class FileKind
{
    /// <summary>What a path names (symbolic links followed).</summary>
    public enum Type
    {
        /// <summary>A regular file.</summary>
        Regular,

        /// <summary>Nothing: no such file, or a path through something that is not a folder.</summary>
        Missing,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A named pipe (FIFO).</summary>
        Fifo,

        /// <summary>A character device, e.g. /dev/zero.</summary>
        CharacterDevice,

        /// <summary>A block device.</summary>
        BlockDevice,

        /// <summary>A Unix socket.</summary>
        Socket,

        /// <summary>A loop of symbolic links.</summary>
        SymbolicLinkLoop,

        /// <summary>The type could not be read (e.g. no permission to search a parent folder).</summary>
        Unknown,
    }

    /// <summary>The type of <paramref name="path"/>.</summary>
    public static Type Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return OfLinux(path);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library without statx (glibc before 2.28): fall through to what .NET can tell.
            }
        }
        if (System.IO.Directory.Exists(path)) return Type.Directory;
        return File.Exists(path) ? Type.Regular : Type.Missing;
    }

    /// <summary>A sentence for a path that is not a regular file.</summary>
    public static string Describe(Type type) => type switch
    {
        Type.Regular => "the path is a regular file.",
        Type.Missing => "no such file.",
        Type.Directory => "the path is a directory, not a file.",
        Type.Fifo => "the path is a named pipe (FIFO), not a regular file; it was not opened, since reading it could wait forever.",
        Type.CharacterDevice => "the path is a character device (such as /dev/zero), not a regular file; it was not opened, since it may never end.",
        Type.BlockDevice => "the path is a block device, not a regular file.",
        Type.Socket => "the path is a socket, not a regular file.",
        Type.SymbolicLinkLoop => "the path is a loop of symbolic links.",
        _ => "the type of the path cannot be determined (is a parent folder unreadable?).",
    };

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode
    private const int ENOENT = 2, ENOTDIR = 20, ENAMETOOLONG = 36, ELOOP = 40;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole library.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054

    /// <summary>
    /// The type of an open file descriptor (Linux only; null elsewhere or when it cannot be read): checked after
    /// opening, so a path swapped for a FIFO or a device between the check and the open is still refused.
    /// </summary>
    public static Type? OfDescriptor(int fd)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return OfLinux("", fd, AtEmptyPath);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    private const int AtEmptyPath = 0x1000;

    private static Type OfLinux(string path, int dirfd = AtFdCwd, int flags = 0)
    {
        var buffer = new byte[256];
        if (Statx(dirfd, path, flags, StatxType, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR or ENAMETOOLONG ? Type.Missing : errno == ELOOP ? Type.SymbolicLinkLoop : Type.Unknown;
        }
        int mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => Type.Regular,
            0x4000 => Type.Directory,
            0x1000 => Type.Fifo,
            0x2000 => Type.CharacterDevice,
            0x6000 => Type.BlockDevice,
            0xC000 => Type.Socket,
            _ => Type.Unknown,
        };
    }
}
