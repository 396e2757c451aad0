"""What every script that runs Lattice does, once: a free port, `lattice serve` started from
a settings dict, waiting for /readyz, reading the resident set from /proc, stopping, and
running wrk. Used by scripts/ and Benchmarks/ alike; from Benchmarks/, put scripts/ on the
path first:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
    from lattice_harness import Lattice, free_port, wrk

    with Lattice(binary, {"seeds": "seeds", "port": 0, "access_log": False, "workers": 2}) as server:
        print(server.port, server.rss_kb())

A settings dict's keys are the settings' keys (Config/lattice.json, `lattice config`); each
becomes its `serve` flag: "access_log": False is `--access-log false`, "cors_origins":
["a", "b"] is `--cors-origins a,b`, None leaves the setting out. Every process is a child of
the caller, its output in a log file, every wait bounded.

From a shell script, `run` does the same around a command:

    python3 scripts/lattice_harness.py run .build/debug/lattice seeds=seeds access_log=false -- some command

starts the server from those settings (each value read as JSON when it parses: false, 2,
["a"]; else as text), waits for /readyz, runs the command with LATTICE_URL
(http://127.0.0.1:port) and LATTICE_PORT in its environment, fails if the server died
meanwhile, stops it, and exits with the command's status.
"""
import argparse
import atexit
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The startup line names the bound address: `address=127.0.0.1:8080` (text) or
# `"address":"127.0.0.1:8080"` (json).
LISTENING = re.compile(r'\baddress(?:=|":")[^"\s]*:(\d+)')


def free_port():
    """A port free on 127.0.0.1 now (the kernel's pick; another process may take it later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count):
    """`count` distinct free ports (free_port() can repeat once a port is released)."""
    ports = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def serve_flags(settings):
    """The `lattice serve` flags for a settings dict: {"access_log": False} -> ["--access-log", "false"]."""
    flags = []
    for key, value in settings.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)  # 1.0 s is `1`
        elif isinstance(value, (list, tuple)):
            value = ",".join(map(str, value))
        flags += ["--" + key.replace("_", "-"), str(value)]
    return flags


def request(port, path, headers=None, timeout=5, method="GET"):
    """One request on a fresh connection: (status, headers as a lowercase dict, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def proc_status(pid):
    """VmRSS and VmHWM of a process in kB (0 when it is gone)."""
    values = {"VmRSS": 0, "VmHWM": 0}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key = line.split(":")[0]
                if key in values:
                    values[key] = int(line.split()[1])
    except OSError:
        pass
    return values


class Server:
    """A child process that serves HTTP on 127.0.0.1:port once `ready_path` answers 200.
    Its standard output and error go to `log` (a path; a temporary file by default),
    appended to, so a restart keeps the earlier lines."""

    def __init__(self, argv, port, name=None, log=None, ready_path="/readyz", cwd=ROOT, env=None):
        self.argv, self.port, self.ready_path, self.cwd, self.env = list(argv), port, ready_path, cwd, env
        self.name = name or os.path.basename(self.argv[0])
        if log is None:
            prefix = re.sub(r"[^\w.-]+", "-", self.name)
            handle = tempfile.NamedTemporaryFile(prefix=f"{prefix}-", suffix=".log", delete=False)
            handle.close()
            log = handle.name
        self.log_path = log
        self.proc = None
        self.started = None
        self._log_offset = 0
        atexit.register(self._kill)  # if the script dies first

    def start(self):
        """Starts the process (again, after stop(), on the same port); returns self."""
        self._log_offset = self.log_size()
        with open(self.log_path, "a") as log:
            self.started = time.monotonic()
            self.proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env,
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        return self

    @property
    def pid(self):
        return self.proc.pid

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def find_port(self):
        """The port, when the caller did not choose one (None until it is known)."""
        return self.port

    def wait_ready(self, timeout=60, interval=0.005):
        """Seconds from start() to the first 200 from the ready path, or None when the
        process exits or `timeout` passes first."""
        deadline = self.started + timeout
        while time.monotonic() < deadline and self.running():
            if self.find_port() is not None:
                try:
                    if request(self.port, self.ready_path, timeout=1)[0] == 200:
                        return time.monotonic() - self.started
                except (OSError, http.client.HTTPException):
                    pass
            time.sleep(interval)
        return None

    def require_ready(self, timeout=60, interval=0.005):
        """wait_ready(), or exits naming the log."""
        seconds = self.wait_ready(timeout, interval)
        if seconds is None:
            self.stop()
            sys.exit(f"{self.name} did not become ready within {timeout} s; see {self.log_path}")
        return seconds

    def send_signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout=20):
        """The exit status, or None after killing the process when `timeout` s pass first."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
            return None

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Sends `sig` (if it still runs) and waits: the exit status, or None if it had to
        be killed after `timeout` s, or was never started."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            return self.wait(timeout)
        return self.proc.returncode

    def _kill(self):
        if self.running():
            self.proc.kill()

    def __enter__(self):
        if self.proc is None:
            self.start()
        self.require_ready()
        return self

    def __exit__(self, *exc):
        self.stop()

    # What /proc says about the process.

    def rss_kb(self, field="VmRSS"):
        """Resident set (or VmHWM, its peak) in kB; 0 once the process is gone."""
        return proc_status(self.proc.pid)[field] if self.proc else 0

    def rss_mb(self, field="VmRSS"):
        return self.rss_kb(field) / 1024

    def memory(self):
        """{"VmRSS": kB, "VmHWM": kB}."""
        return proc_status(self.proc.pid) if self.proc else {"VmRSS": 0, "VmHWM": 0}

    def descriptors(self):
        """Open file descriptors."""
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    # Its log.

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_since(self, offset=0):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def log_text(self):
        """What this run (since the last start()) has logged."""
        return self.log_since(self._log_offset)


class Lattice(Server):
    """`lattice serve` with the given settings (see the module's note), from the repository
    root, so Config/lattice.json supplies what the dict leaves out. The port: the dict's,
    or, when it has none, one free now (known at once, so a startup timing does not wait
    for the log); with "port": 0 Lattice picks one and it is read from the startup line,
    which needs log_level info or lower. `wrapper` goes before the binary (valgrind ...).
    A relative binary path is the caller's (made absolute); relative paths in settings are
    the repository root's."""

    def __init__(self, binary, settings=None, name=None, log=None, wrapper=(), env=None):
        self.settings = dict(settings or {})
        if self.settings.get("port") is None:
            self.settings["port"] = free_port()
        port = self.settings["port"] or None
        binary = os.path.abspath(binary) if os.sep in binary else binary
        argv = [*wrapper, binary, "serve", *serve_flags(self.settings)]
        super().__init__(argv, port, name=name or "lattice", log=log, env=env)
        self.binary = binary

    def start(self):
        if not self.settings["port"]:
            self.port = None  # Lattice picks one each time
        return super().start()

    def find_port(self):
        if self.port is None:
            match = LISTENING.search(self.log_text())
            if match:
                self.port = int(match.group(1))
        return self.port

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, headers=None, timeout=5):
        """(status, headers, body) of one GET on a fresh connection."""
        return request(self.port, path, headers, timeout)

    def version(self):
        """The dataset version /readyz reports, or None while not ready."""
        status, _, body = request(self.port, "/readyz", timeout=2)
        match = re.search(rb'"dataset_version":"([^"]+)"', body)
        return match.group(1).decode() if status == 200 and match else None

    def metrics(self):
        return request(self.port, "/metrics", timeout=2)[2].decode()

    def metric(self, name, labels_match=""):
        """Sum of a metric's samples whose label text contains labels_match."""
        total = 0.0
        for line in self.metrics().splitlines():
            if line.startswith(name + "{") or line.startswith(name + " "):
                labels, _, value = line.rpartition(" ")
                if labels_match in labels:
                    total += float(value)
        return total


def wrk(url, connections=64, seconds=10, threads=2, close=False, timeout=None):
    """One wrk run (`--latency`): req/s, requests, p50/p75/p90/p99 in ms (NaN if wrk printed
    none), its socket errors (connect, read, write, timeout), non2xx, errors (all of those
    together), cpu (wrk's own utime + stime, s) and raw (its output)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if close:
        command += ["-H", "Connection: close"]
    if timeout is not None:
        command += ["--timeout", f"{timeout}s"]
    proc = subprocess.Popen(command + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)

    def number(pattern):
        match = re.search(pattern, out)
        return float(match.group(1)) if match else 0.0

    def millis(label):
        match = re.search(rf"^\s+{label}%\s+(\S+)[ \t]*$", out, re.M)  # the "Latency Distribution" lines
        value = match and re.match(r"([\d.]+)(us|ms|s|m)$", match.group(1))
        if not value:
            if match:
                print(f"wrk latency not understood: {match.group(1)!r}", file=sys.stderr)
            return float("nan")
        return float(value.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[value.group(2)]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result = {"rps": number(r"Requests/sec:\s+([\d.]+)"), "requests": number(r"(\d+) requests in"),
              "non2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")), "cpu": usage.ru_utime + usage.ru_stime,
              "raw": out}
    for label in ("50", "75", "90", "99"):
        result[f"p{label}"] = millis(label)
    for index, kind in enumerate(("connect", "read", "write", "timeout")):
        result[kind] = int(errors.group(index + 1)) if errors else 0
    result["errors"] = result["non2xx"] + result["connect"] + result["read"] + result["write"] + result["timeout"]
    return result


def parse_setting(text):
    """`key=value` from a command line: the value as JSON when it parses, else as text."""
    key, separator, value = text.partition("=")
    if not separator or not key:
        raise argparse.ArgumentTypeError(f"a setting is key=value, not {text!r}")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def run_command(argv=None):
    """The `run` entry point (see the module's note); returns the exit status."""
    parser = argparse.ArgumentParser(prog="lattice_harness.py run", usage="%(prog)s BINARY [key=value ...] -- COMMAND ...",
                                     description="Runs a command against a live Lattice.")
    parser.add_argument("binary")
    parser.add_argument("settings", nargs="*", type=parse_setting, metavar="key=value")
    parser.add_argument("--ready-timeout", type=float, default=60, help="seconds to wait for /readyz (default 60)")
    argv = sys.argv[2:] if argv is None else argv
    if "--" not in argv:
        parser.error("name the command after --")
    split = argv.index("--")
    options, command = parser.parse_args(argv[:split]), argv[split + 1:]
    if not command:
        parser.error("name the command after --")
    server = Lattice(options.binary, dict(options.settings))
    server.start()
    server.require_ready(timeout=options.ready_timeout)
    env = dict(os.environ, LATTICE_URL=server.base, LATTICE_PORT=str(server.port))
    try:
        status = subprocess.call(command, env=env)
    except KeyboardInterrupt:
        status = 130
    if not server.running():
        print(f"FAIL: the server died during the run; see {server.log_path}", file=sys.stderr)
        status = status or 1
    server.stop()
    return status


if __name__ == "__main__":
    if sys.argv[1:2] != ["run"]:
        sys.exit(f"usage: {sys.argv[0]} run BINARY [key=value ...] [--ready-timeout S] -- COMMAND ...")
    sys.exit(run_command())
