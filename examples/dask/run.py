#!/usr/bin/env python3
"""SLA states for many tickets on a Dask distributed cluster (docs/scale.md).

`sla-clock compute` is a pure NDJSON filter: tickets in, one state per ticket out, in input order.
So the input is cut into partitions at ticket boundaries, each partition is piped through
`sla-clock compute` on some Dask worker, and the outputs are joined in input order. The result is
the same bytes as one `cat INPUTS | sla-clock compute` on one machine, with the same --now.

    # a LocalCluster of two worker processes here (Debian: apt-get install python3-distributed)
    /usr/bin/python3 examples/dask/run.py --policy examples/data/policy.json \\
        --now 2026-03-10T00:00:00Z --partitions 4 examples/data/tickets.ndjson > states.ndjson

    # a real cluster: workers that have Node and sla-clock installed
    python3 run.py --scheduler tcp://scheduler:8786 --command "npx --no sla-clock" \\
        --policy policy.json --now 2026-03-10T00:00:00Z --partitions 64 \\
        --output states.ndjson tickets.ndjson

The driver reads the input and sends each partition to a worker (and the policy file's text with
its task), so the workers need sla-clock but no shared filesystem. It fails loudly: a partition
whose command exits non-zero, or writes to stderr, fails the run, every such partition is named
with its messages, and nothing is written; except with --errors inline, where exit code 1 only
means that some lines were bad and each got an error line in its place (the run then writes
everything and ends with exit code 1, as sla-clock does).
"""
import argparse
import json
import os
import shlex
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
# This checkout's build (`npm run build`); on a cluster: "npx --no sla-clock" or "sla-clock".
DEFAULT_COMMAND = "node " + shlex.quote(os.path.join(ROOT, "dist", "cli.js"))


class PartitionFailed(Exception):
    """A partition's `sla-clock compute` failed: usage or policy error, or bad lines on stderr.
    `code` is the exit code for the run: 2 when a partition had a usage or policy error, else 1."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def read_lines(paths):
    """The input's lines, as bytes without their newline, the files read as if concatenated
    (`cat a b`); a UTF-8 byte-order mark at the start of a file is dropped."""
    lines = []
    for path in paths:
        with open(path, "rb") as file:
            data = file.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if data == b"":
            continue
        file_lines = data.split(b"\n")
        if file_lines[-1] == b"":  # the file ended with a newline
            file_lines.pop()
        lines.extend(file_lines)
    return lines


def _shape(line):
    """("ticket", id) for an event line, ("whole", None) for any other JSON object, None for a
    line sla-clock cannot read (not JSON, not an object, blank)."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    if "ticket" in value:
        return ("ticket", value["ticket"])
    return ("whole", None)


def _same_ticket(a, b):
    # sla-clock compares ids strictly: 1 and "1" are two tickets (and so are 1 and true).
    return a[0] == b[0] == "ticket" and type(a[1]) is type(b[1]) and a[1] == b[1]


def cut_points(lines):
    """Indexes where a partition may start: between two readable lines that are not event lines
    of the same ticket. A ticket's event lines, and a broken line beside them (which sla-clock
    may count as one of that ticket's events), are never cut apart."""
    points = []
    previous = _shape(lines[0]) if lines else None
    for index in range(1, len(lines)):
        shape = _shape(lines[index])
        if previous is not None and shape is not None and not _same_ticket(previous, shape):
            points.append(index)
        previous = shape
    return points


def partition(lines, count):
    """[(first_line_index, lines)]: at most `count` parts of about equal length, cut only where
    cut_points allows (so fewer when the input has fewer places to cut)."""
    if not lines:
        return []
    starts = [0]
    points = cut_points(lines)
    at = 0
    for k in range(1, count):
        target = len(lines) * k // count
        while at < len(points) and (points[at] < target or points[at] <= starts[-1]):
            at += 1
        if at == len(points):
            break
        starts.append(points[at])
    ends = starts[1:] + [len(lines)]
    return [(start, lines[start:end]) for start, end in zip(starts, ends)]


def compute_partition(command, args, files, first_line, line_count, data):
    """Runs on a Dask worker: pipes one partition (`data`, its lines as bytes) through
    `sla-clock compute`.

    `files` holds (flag, name, text) triples (--policy, --calendars), each text written to a
    temporary directory on the worker; messages name the file by its name on the driver. The partition is preceded by `first_line` blank lines: sla-clock
    counts blank lines and writes nothing for them, so every line number it reports (in an
    --errors inline line, on stderr, inside a message) is the line's number in the whole input.
    """
    import subprocess

    try:
        from distributed import get_worker
        worker = get_worker().address
    except (ImportError, ValueError):  # called outside a worker
        worker = None
    with tempfile.TemporaryDirectory(prefix="sla-clock-dask-") as directory:
        argv = list(command) + ["compute"]
        paths = {}
        for index, (flag, name, text) in enumerate(files):
            path = os.path.join(directory, f"{index}.json")
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            argv += [flag, path]
            paths[path] = name
        argv += list(args)
        try:
            done = subprocess.run(argv, input=b"\n" * first_line + data, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, check=False)
            code, stdout, stderr = done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")
            for path, name in paths.items():
                stderr = stderr.replace(path, name)
        except OSError as error:  # no such command on this worker
            code, stdout, stderr = 127, b"", f"cannot run {argv[0]}: {error}"
    return {
        "firstLine": first_line + 1,
        "lines": line_count,
        "exitCode": code,
        "stdout": stdout,
        "stderr": stderr,
        "worker": worker,
        "pid": os.getpid(),
    }


def failure(result, index, inline):
    """What went wrong with a partition's run, or None when it went as it should."""
    code = result["exitCode"]
    where = (f"partition {index} (lines {result['firstLine']}-"
             f"{result['firstLine'] + result['lines'] - 1}, worker {result['worker']})")
    if result["stderr"] != "":
        return f"{where}: sla-clock exited {code} with:\n{result['stderr'].rstrip()}"
    # --errors inline: exit code 1 means some lines were bad, each with an error line in its place.
    if code != 0 and not (inline and code == 1):
        return f"{where}: sla-clock exited {code}"
    return None


def now_iso():
    """The driver's clock, read once: every partition computes at this same instant."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def run_on_dask(options, parts, command, args, files):
    """Each partition's result, in the order of the partitions, computed on the Dask cluster."""
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory(prefix="sla-clock-dask-space-") as space:
        if options.scheduler:
            cluster = None
            client = Client(options.scheduler)
        else:
            # Loopback only, no dashboard, one thread per worker process: the partitions run in
            # separate processes, as on separate machines.
            cluster = LocalCluster(n_workers=options.local_workers, processes=True,
                                   threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                   local_directory=space)
            client = Client(cluster)
        try:
            if cluster is not None:
                client.wait_for_workers(options.local_workers)
            # Each partition's bytes are sent to a worker ahead of the tasks (spread over the
            # workers in turn), and each task runs where its data is.
            data = client.scatter([b"".join(line + b"\n" for line in lines) for _, lines in parts],
                                  hash=False)
            count = len(parts)
            futures = client.map(compute_partition, [command] * count, [args] * count,
                                 [files] * count, [first for first, _ in parts],
                                 [len(lines) for _, lines in parts], data, pure=False)
            results = client.gather(futures)  # in the order of the partitions
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="NDJSON tickets, read as if concatenated")
    parser.add_argument("--policy", required=True, help="the policy file (shipped to the workers)")
    parser.add_argument("--calendars", help="host calendars (shipped to the workers)")
    parser.add_argument("--now", help="the instant for every partition (default: this clock, once)")
    parser.add_argument("--errors", choices=["stderr", "inline"], default="stderr")
    parser.add_argument("--cycles", choices=["all", "latest"], default="all")
    parser.add_argument("--partitions", type=int, default=0,
                        help="cut the input into this many partitions (default: one per file)")
    parser.add_argument("--scheduler", help="a running cluster's scheduler, e.g. tcp://host:8786")
    parser.add_argument("--local-workers", type=int, default=2,
                        help="without --scheduler: worker processes of a LocalCluster (default 2)")
    parser.add_argument("--command", default=DEFAULT_COMMAND,
                        help=f"the sla-clock command on the workers (default: {DEFAULT_COMMAND})")
    parser.add_argument("--output", help="where the states go (default: stdout)")
    parser.add_argument("--report", help="a JSON file saying which worker ran each partition")
    options = parser.parse_args(argv)

    if options.now == "live":
        parser.error("--now live: partitions run at different moments; give one instant, or none")
    now = options.now or now_iso()
    files = [("--policy", options.policy, open(options.policy, encoding="utf-8").read())]
    if options.calendars:
        files.append(("--calendars", options.calendars,
                      open(options.calendars, encoding="utf-8").read()))
    args = ["--now", now, "--errors", options.errors, "--cycles", options.cycles]
    command = shlex.split(options.command)

    if options.partitions > 0:
        parts = partition(read_lines(options.inputs), options.partitions)
    else:  # one partition per file, numbered as lines of the concatenated input
        parts, first = [], 0
        for path in options.inputs:
            lines = read_lines([path])
            if lines:
                parts.append((first, lines))
            first += len(lines)

    started = time.monotonic()
    results = run_on_dask(options, parts, command, args, files) if parts else []
    seconds = time.monotonic() - started

    failures = [failure(result, index, options.errors == "inline")
                for index, result in enumerate(results)]
    failures = [message for message in failures if message is not None]
    if failures:  # every failed partition is named; nothing is written
        code = 2 if any(result["exitCode"] == 2 for result in results) else 1
        raise PartitionFailed("\n".join(failures), code)
    output = b"".join(result["stdout"] for result in results)
    if options.output:
        with open(options.output, "wb") as file:
            file.write(output)
    else:
        sys.stdout.buffer.write(output)
        sys.stdout.flush()

    errors = sum(line.startswith(b'{"error":') for result in results
                 for line in result["stdout"].split(b"\n"))
    states = output.count(b"\n") - errors
    workers = sorted({(result["worker"], result["pid"]) for result in results}, key=str)
    if options.report:
        with open(options.report, "w", encoding="utf-8") as file:
            json.dump({
                "now": now,
                "driverPid": os.getpid(),
                "partitions": [{key: result[key] for key in
                                ("firstLine", "lines", "exitCode", "worker", "pid")}
                               for result in results],
                "workers": [{"worker": worker, "pid": pid} for worker, pid in workers],
                "states": states,
                "errorLines": errors,
            }, file, indent=2)
            file.write("\n")
    print(f"{states} states, {errors} error lines, from {len(parts)} partitions on "
          f"{len(workers)} worker processes in {seconds:.1f} s (now = {now})", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except PartitionFailed as problem:
        print(f"run.py: {problem}", file=sys.stderr)
        sys.exit(problem.code)
