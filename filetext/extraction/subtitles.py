"""Subtitles (SubRip and WebVTT): what is said, without cue numbers, timings, settings, styling
tags or notes; cut into parts like plain text."""

import html
import re

from filetext.extraction.cleaning import parts
from filetext.extraction.plain import lines

TAGS = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")  # <i>, <v Speaker>, <00:01.000>, {\an8}
VTT_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")
MAX_BLOCK_LINES = 200  # a file without blank lines is not held whole


def _blocks(path):
    block = []
    for line in lines(path):
        line = line.rstrip("\r\n")
        if line.strip() and len(block) < MAX_BLOCK_LINES:
            block.append(line)
        elif block:
            yield block
            block = [line] if line.strip() else []
    if block:
        yield block


def _cues(path, webvtt):
    """Each cue's text on one line; a cue repeated at once (rolling captions) counts once."""
    previous = None
    for block in _blocks(path):
        if webvtt and block[0].lstrip("\ufeff").startswith(VTT_BLOCKS):
            continue
        timing = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing is None:
            continue
        text = " ".join(html.unescape(TAGS.sub("", line)) for line in block[timing + 1 :])
        if text.strip() and text != previous:
            yield text
        previous = text


def read_srt(path, language, start, limits):
    yield from parts(_cues(path, webvtt=False), start)


def read_vtt(path, language, start, limits):
    yield from parts(_cues(path, webvtt=True), start)
