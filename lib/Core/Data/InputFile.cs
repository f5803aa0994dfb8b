using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace NotebookAnalysis.Data;

// The one guarded reader of every input file. Depends on the base class library, DataFileException and
// MessageText only, so the notebook runner compiles it as a linked source (NOTEBOOK_RUNNER makes it internal there).

/// <summary>
/// Reads an input file safely: only a regular file (a FIFO, a device such as /dev/zero, a directory or a socket is
/// refused at once, never read), at most a size cap, and, for text, strict UTF-8 whose first
/// invalid byte is reported at its true line and column. A UTF-8 byte-order mark is accepted and dropped.
/// Every failure is a <see cref="DataFileException"/> naming the file, the line and (for a bad byte) the column.
/// </summary>
/// <example><code>
/// string text = InputFile.ReadText(path, "the market description");        // guarded, decoded, BOM dropped
/// byte[] raw = InputFile.ReadBytes(path, "the notebook", 16 * 1024 * 1024); // guarded, not decoded
/// string text2 = InputFile.Decode(raw, path);                              // strict UTF-8 of bytes already read
/// </code></example>
#if NOTEBOOK_RUNNER
internal
#else
public
#endif
static class InputFile
{
    /// <summary>The default cap: 64 MiB (Table 1 with about a million rows).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The decoded text of <paramref name="path"/>: a regular file of at most <paramref name="maxBytes"/> bytes, in
    /// strict UTF-8 (a leading byte-order mark dropped). <paramref name="what"/> names the input in messages
    /// ("the WEF extract", "paper.md").
    /// </summary>
    /// <exception cref="DataFileException">Not a regular file, too large, unreadable, or not valid UTF-8 (with the line and column of the first bad byte).</exception>
    public static string ReadText(string path, string what, long maxBytes = DefaultMaxBytes) => Decode(ReadBytes(path, what, maxBytes), path);

    /// <summary>
    /// The bytes of <paramref name="path"/>, which must be a regular file of at most <paramref name="maxBytes"/> bytes.
    /// The open never waits (O_NONBLOCK), and the type is read from the open descriptor before anything is read.
    /// </summary>
    /// <exception cref="DataFileException">Not a regular file, too large, or unreadable; at line 1 of the file.</exception>
    public static byte[] ReadBytes(string path, string what, long maxBytes = DefaultMaxBytes)
    {
        if (path.Length == 0)
            throw new DataFileException("(empty path)", 1, null, null, $"no file was named for {what}: the path is empty.");
        if (path.Contains('\0'))
            throw new DataFileException(path, 1, null, null, "the path holds a NUL character, which no file name can hold.");
        try
        {
            using var stream = Open(path, what);
            long length = stream.Length;
            if (length > maxBytes) throw TooLarge(path, what, length, maxBytes);
            // Read at most one byte past the cap: the length a file system reports need not bound what a read returns.
            var buffer = new byte[(int)Math.Min(length + 1, maxBytes + 1)];
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes) throw TooLarge(path, what, null, maxBytes);
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2 + 4096, maxBytes + 1));
                }
                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0) break;
                total += read;
            }
            return total == buffer.Length ? buffer : buffer[..total];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, 1, null, null, $"cannot read the file ({what}): {e.Message}");
        }
    }

    /// <summary>
    /// <paramref name="bytes"/> as strict UTF-8, a leading byte-order mark dropped. The first invalid byte is reported
    /// at its line and column (columns count characters, from 1); UTF-16 text is named as such.
    /// </summary>
    /// <exception cref="DataFileException">The bytes are not valid UTF-8.</exception>
    public static string Decode(byte[] bytes, string source)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new DataFileException(source, 1, 1, null, "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8.");
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, span.Length));
        try
        {
            var status = Utf8.ToUtf16(span, chars, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status == OperationStatus.Done) return new string(chars, 0, written);
            // read = the offset of the invalid sequence; its line is 1 + the line feeds before it, its column the characters since the last.
            int lineStart = span[..read].LastIndexOf((byte)'\n') + 1;
            int line = 1 + span[..lineStart].Count((byte)'\n');
            int column = 1 + Encoding.UTF8.GetCharCount(span[lineStart..read]);
            throw new DataFileException(source, line, column, null,
                $"byte 0x{span[read].ToString("X2", CultureInfo.InvariantCulture)} is not valid UTF-8 (the file must be UTF-8 text; was it saved as Latin-1 or Windows-1252?).");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The lines of <paramref name="text"/> (LF or CRLF), index 0 being line 1.</summary>
    public static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>
    /// A number cell's text without the plain spaces around it. Any other blank or control character (a tab, a carriage
    /// return, a no-break space: copy-paste damage that <see cref="string.Trim()"/> would hide) and the typographic minus
    /// of a number copied from a PDF are refused with their place.
    /// </summary>
    /// <exception cref="DataFileException">The cell holds a blank or control character other than a space around it, or U+2212.</exception>
    public static string Cell(string field, string source, int line, int column, string? columnName)
    {
        var cell = field.Trim(' ');
        if (cell.Contains('\u2212'))
            throw new DataFileException(source, line, column, columnName, $"'{Diagnostics.MessageText.Printable(cell)}' holds the typographic minus sign − (U+2212), as a number copied from a document does; write the hyphen-minus -.");
        foreach (char c in cell)
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                throw new DataFileException(source, line, column, columnName, $"'{Diagnostics.MessageText.Printable(cell)}' holds " + c switch
                {
                    '\t' => "a tab",
                    '\r' => "a carriage return",
                    '\u00A0' => "a no-break space (U+00A0)",
                    ' ' => "a space inside the value",
                    _ => "the character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                } + "; a cell holds its value alone (was it pasted from a document?).");
        return cell;
    }

    private static DataFileException TooLarge(string path, string what, long? length, long maxBytes) =>
        new(path, 1, null, null,
            $"the file is {(length is long l ? $"{l.ToString(CultureInfo.InvariantCulture)} bytes" : "larger than the cap")}; " +
            $"the reader takes files of at most {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes" +
            (maxBytes == DefaultMaxBytes ? " (64 MiB, about a million rows)" : "") + $" for {what}.");

    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    private const int ENOENT = 2, ENXIO = 6, ENOTDIR = 20, ENAMETOOLONG = 36, ELOOP = 40;

    /// <summary>
    /// Opens for reading without ever waiting (O_NONBLOCK: a FIFO with no writer opens at once), then reads the type
    /// from the descriptor, so nothing but a regular file is read, even one swapped in after the path was named.
    /// </summary>
    private static FileStream Open(string path, string what)
    {
        if (OperatingSystem.IsLinux())
        {
            int fd;
            try
            {
                fd = OpenNative(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                fd = -2;
            }
            if (fd == -1)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw errno switch
                {
                    ENOENT or ENOTDIR or ENAMETOOLONG => NotRegular(path, what, null),
                    ELOOP => NotRegular(path, what, "the path is a loop of symbolic links."),
                    ENXIO => NotRegular(path, what, "the path is a socket or a device, not a regular file."),
                    _ => new IOException(Marshal.GetPInvokeErrorMessage(errno), errno),
                };
            }
            if (fd >= 0)
            {
                var handle = new SafeFileHandle(fd, ownsHandle: true);
                if (NotRegularDescriptor(fd) is { } kind)
                {
                    handle.Dispose();
                    throw NotRegular(path, what, kind);
                }
                return new FileStream(handle, FileAccess.Read, 1);
            }
        }
        if (Directory.Exists(path)) throw NotRegular(path, what, "the path is a directory, not a file.");
        if (!File.Exists(path)) throw NotRegular(path, what, null);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    private static DataFileException NotRegular(string path, string what, string? kind) =>
        new(path, 1, null, null, kind is null ? $"no such file ({what})." : kind + $" Only regular files are read ({what}).");

    /// <summary>
    /// Why the open descriptor <paramref name="fd"/> is not a regular file, or null when it is (or its type cannot be
    /// read: then the size cap still bounds the read, and a FIFO opened without waiting reads as empty).
    /// </summary>
    private static string? NotRegularDescriptor(int fd)
    {
        var buffer = new byte[256];
        try
        {
            if (Statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null; // a C library without statx (glibc before 2.28)
        }
        // struct statx, the same on every architecture: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode.
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "the path is a directory, not a file.",
            0x1000 => "the path is a named pipe (FIFO), not a regular file; it was not read, since reading it could wait forever.",
            0x2000 => "the path is a character device (such as /dev/zero), not a regular file; it was not read, since it may never end.",
            0x6000 => "the path is a block device, not a regular file.",
            _ => "the path is not a regular file.",
        };
    }

    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole library.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054

    /// <summary>
    /// The header checks every reader of a CSV with named columns shares, in this order per column: unknown (with
    /// <paramref name="unknown"/>'s reason), then repeated; then the <paramref name="required"/> columns it lacks,
    /// each described by <paramref name="describeMissing"/> and followed by <paramref name="expected"/>.
    /// </summary>
    internal static void CheckHeader(string[] names, string source, int lineNo, IEnumerable<string> required,
        Func<string, bool> known, Func<string, string> unknown, Func<string, string> describeMissing, string expected)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (!known(names[i]))
                throw new DataFileException(source, lineNo, i + 1, names[i], unknown(names[i]));
            if (Array.IndexOf(names, names[i]) != i)
                throw new DataFileException(source, lineNo, i + 1, names[i], $"column {Diagnostics.MessageText.Quote(names[i])} appears twice in the header.");
        }
        var missing = required.Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new DataFileException(source, lineNo, null, null,
                $"the header lacks the column(s) {string.Join(", ", missing.Select(describeMissing))}. {expected}");
    }
}
