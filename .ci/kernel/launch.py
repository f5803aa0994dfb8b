"""Starts the .NET Interactive Jupyter kernel (tool Microsoft.dotnet-interactive) without its HTTP bootstrap output.

The tool's Jupyter mode always starts its HTTP API (the `jupyter` command's --http-port-range has a default and
no "off") and defers a hidden `#!enable-http` submission to the first code the kernel runs. That submission
displays a script which loads require.js from cdnjs and lists the machine's addresses, in the first cell a
reader runs. Its display is not sent when that first execute request is silent (ExecuteRequestHandler skips
display messages for silent requests). So this launcher sends one silent, empty execute request the moment the
kernel's shell socket accepts connections, before any front end can ask for a cell, then leaves. The kernel
itself is exec'd unchanged, keeps this process id (Jupyter's interrupt and shutdown signals reach it), runs in
the notebook's folder, and listens on loopback only (--http-local-only).

The tool picks its HTTP port as the first free one of 2048-3000 and dies with "Address already in use" when another
kernel starting at the same moment picked the same one (measured: of four kernels started at once, three died). So
this launcher asks the operating system for a free port, as Jupyter does for the kernel's own sockets, and passes
it as a one-port range.

Usage (kernel.json argv): python3 launch.py {connection_file}
"""
import os
import socket
import sys


def free_port() -> int:
    """A loopback port that is free now, drawn by the operating system from its ephemeral range."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prime(connection_file: str) -> None:
    """Sends the silent execute request and waits for its reply (at most 120 s)."""
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    client.start_channels(iopub=False, stdin=False, hb=False, control=False)
    try:
        msg_id = client.execute("", silent=True, store_history=False)
        while True:
            reply = client.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg_id:
                return
    finally:
        client.stop_channels()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: launch.py CONNECTION_FILE")
    connection_file = sys.argv[1]
    tools = os.path.join(os.path.expanduser("~"), ".dotnet", "tools")
    # Without the tools folder on PATH the kernel dies at start ("Kernel died before replying to kernel_info").
    os.environ["PATH"] = os.environ.get("PATH", "") + os.pathsep + tools
    os.environ.setdefault("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "1")

    # Double fork: the grandchild primes the kernel and is adopted by init, so the kernel never has a zombie child.
    pid = os.fork()
    if pid == 0:
        if os.fork() == 0:
            try:
                os.setsid()
                prime(connection_file)
            except Exception as error:  # the kernel still runs; the reader would only see the bootstrap output
                print(f"launch.py: could not prime the kernel: {error}", file=sys.stderr)
            os._exit(0)
        os._exit(0)
    os.waitpid(pid, 0)
    port = free_port()
    os.execvp("dotnet", ["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "--http-local-only",
                         "--http-port-range", f"{port}-{port}", connection_file])


if __name__ == "__main__":
    main()
