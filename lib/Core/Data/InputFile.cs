using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace NotebookAnalysis.Data;

// The one guarded reader of every input file. Depends on the base class library, DataFileException, FileKind and
// MessageText only, so the notebook runner compiles it as a linked source (NOTEBOOK_RUNNER makes it internal there).

/// <summary>
/// Reads an input file safely: only a regular file (a FIFO, a device such as /dev/zero, a directory or a socket is
/// refused at once, never opened for a blocking read), at most a size cap, and, for text, strict UTF-8 whose first
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
    /// The type is checked before opening and again on the open descriptor; the open never waits (O_NONBLOCK).
    /// </summary>
    /// <exception cref="DataFileException">Not a regular file, too large, or unreadable; at line 1 of the file.</exception>
    public static byte[] ReadBytes(string path, string what, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new DataFileException("(empty path)", 1, null, null, $"no file was named for {what}: the path is empty.");
        if (path.Contains('\0'))
            throw new DataFileException(path, 1, null, null, "the path holds a NUL character, which no file name can hold.");
        var kind = FileKind.Of(path);
        if (kind != FileKind.Type.Regular) throw NotRegular(path, what, kind);
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
        ArgumentNullException.ThrowIfNull(bytes);
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

    private static DataFileException NotRegular(string path, string what, FileKind.Type kind) =>
        new(path, 1, null, null, kind == FileKind.Type.Missing
            ? $"no such file ({what})."
            : FileKind.Describe(kind) + $" Only regular files are read ({what}).");

    private static DataFileException TooLarge(string path, string what, long? length, long maxBytes) =>
        new(path, 1, null, null,
            $"the file is {(length is long l ? $"{l.ToString(CultureInfo.InvariantCulture)} bytes" : "larger than the cap")}; " +
            $"the reader takes files of at most {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes" +
            (maxBytes == DefaultMaxBytes ? " (64 MiB, about a million rows)" : "") + $" for {what}.");

    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    /// <summary>Opens for reading without ever waiting (a FIFO swapped in after the check), and re-checks the type on the descriptor.</summary>
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
            if (fd >= 0)
            {
                var handle = new SafeFileHandle(fd, ownsHandle: true);
                var kind = FileKind.OfDescriptor(fd);
                if (kind is not null && kind != FileKind.Type.Regular)
                {
                    handle.Dispose();
                    throw NotRegular(path, what, kind.Value);
                }
                return new FileStream(handle, FileAccess.Read, 1);
            }
            if (fd == -1)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole library.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore SYSLIB1054
}
