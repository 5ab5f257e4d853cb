"""The child process of ``isolated``: sets its own limits, extracts, and writes one JSON line
per segment to the protocol pipe as soon as it has it, then one final line.

    python -m filetext.extraction.child '{"path": ..., "content_type": ..., "language": ...,
                                          "start": 1, "limits": {...}}'
"""

import json
import math
import os
import resource
import sys
from dataclasses import asdict

from filetext.extraction.contract import ExtractionFailed, Limits
from filetext.extraction.reading import extract

# The CPU limit backs up the parent's wall-clock deadline, should the parent die.
CPU_MARGIN_SECONDS = 5


def _limit_self(limits):
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = math.ceil(limits.timeout_seconds) + CPU_MARGIN_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def _protocol_pipe():
    """The real stdout for the protocol; fd 1 goes to stderr, so that a library printing
    cannot break a line of the protocol."""
    pipe = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return pipe


def main(argument):
    job = json.loads(argument)
    limits = Limits(**job["limits"])
    pipe = _protocol_pipe()

    def send(message):
        pipe.write(json.dumps(message, ensure_ascii=False) + "\n")
        pipe.flush()

    _limit_self(limits)
    try:
        for segment in extract(
            job["path"], job["content_type"], job["language"], job["start"], limits
        ):
            send({"segment": asdict(segment)})
    except ExtractionFailed as failed:
        final = {"failed": {"code": failed.code, "reason": failed.reason}}
    except MemoryError:
        final = {"failed": {"code": "memory", "reason": "The file needs more memory than allowed."}}
    else:
        final = {"done": True}
    send({**final, "peak_memory_bytes": peak_memory_bytes()})


def peak_memory_bytes():
    """The most resident memory this process (or an OCR run it waited for) has used. Not
    getrusage's own figure: after exec it starts from the parent's size at the fork."""
    with open("/proc/self/status", encoding="ascii") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    ocr = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, ocr) * 1024


if __name__ == "__main__":
    main(sys.argv[1])
