#!/usr/bin/env python3
"""Re-runs the curl examples in README.md against a running server and writes their real
output back, so the examples never drift from what the server answers.

  swift run lattice serve &          # a fresh server on the bundled seeds, localhost:8080
  scripts/readme-examples.py         # rewrites README.md in place

In every ```console block, each line starting with "$ curl" is run with bash (pipes
included) and the lines after it, up to the next "$ " line or the end of the block, are
replaced by its output. Start a fresh server first: the /metrics example shows counts.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")


def run(command):
    # The trailing comment of an example ("# metonyms redirect") is bash's to ignore.
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
    if result.returncode not in (0, 141):  # 141: SIGPIPE from `| head`, expected
        sys.exit(f"example failed ({result.returncode}): {command}\n{result.stderr}")
    return result.stdout.rstrip("\n").replace("\r\n", "\n")


def rewrite(text):
    lines = text.split("\n")
    out = []
    in_console = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```console"):
            in_console = True
        elif line.startswith("```"):
            in_console = False
        if in_console and line.startswith("$ curl"):
            out.append(line)
            output = run(line[2:])
            i += 1
            while i < len(lines) and not lines[i].startswith("$ ") and not lines[i].startswith("```"):
                i += 1
            if output:
                out.extend(output.split("\n"))
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def main():
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    text = open(README, encoding="utf-8").read()
    updated = rewrite(text)
    if updated != text:
        open(README, "w", encoding="utf-8").write(updated)
        print("README.md examples rewritten")
    else:
        print("README.md examples already match")


if __name__ == "__main__":
    main()
