"""Story import parsing in linear time: CPU and peak memory of parse_story for 1 MB and 10 MB of scraped text.

    python bench/story_parsing.py

Each size runs in a fresh process (peak RSS is per process), as many short paragraphs and as one long one.
The admin refuses more than 200 KB; the import_story command takes any size.
"""

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "fixtures" / "connescence-story.txt"


def one(megabytes, shape):
    sys.path.insert(0, str(ROOT))
    from articles.story_text import parse_story

    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    text = body * (int(megabytes * 1e6 / len(body)) + 1)
    if shape == "one paragraph":
        text = "A headline for the story\n" + text.replace("\n", " ")
    text = ("date 2024-02-07\n" + text)[: int(megabytes * 1e6)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    story = parse_story(text, source_names=["People", "Deadline", "IANS"])
    seconds = time.process_time() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"  {megabytes:>4} MB, {shape:15} {seconds:5.2f} s CPU  +{grown:5.0f} MB peak  {len(story.blocks):,} blocks")


def main():
    print("parse_story (target: 1 MB in under 1 s and under 100 MB):")
    for megabytes in (1, 10):
        for shape in ("paragraphs", "one paragraph"):
            subprocess.run([sys.executable, __file__, str(megabytes), shape], check=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        one(float(sys.argv[1]), sys.argv[2])
    else:
        main()
