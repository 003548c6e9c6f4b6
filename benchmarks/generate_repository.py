"""Generate a ``build/metadata``-shaped OAI repository of many records from a built edition's real ones.

Each generated record is a copy of the first real record's files with the document id replaced by a
fresh one (and its ``xml:id``/``ID`` values made its own, as another document's would be, so that
records side by side in one response keep their IDs unique), a fresh datestamp and one or more of
the catalogue's sets. The server reads the result exactly as it reads ``build/metadata``.
Deterministic for a given seed.

    python benchmarks/generate_repository.py build/metadata /tmp/oai-10k --count 10000
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

_ID_ATTRIBUTE = re.compile(rb'\b(?:xml:id|ID)="([^"]+)"')


def generate_repository(source: Path, out: Path, count: int, seed: int = 1, first_day: date = date(2001, 1, 1),
                        span_days: int = 9000, id_prefix: str = "generated") -> dict:
    """Write ``count`` records and their ``catalogue.json`` into ``out``; return the catalogue."""
    source, out = Path(source), Path(out)
    catalogue = json.loads((source / "catalogue.json").read_text(encoding="utf-8"))
    template = catalogue["records"][0]
    template_files = {prefix: (PurePosixPath(relative).name, (source / relative).read_bytes())
                      for prefix, relative in template["files"].items()}
    own_ids = _own_ids(content for _, content in template_files.values())
    set_specs = sorted(catalogue["sets"])
    rng = random.Random(seed)
    records = []
    for number in range(1, count + 1):
        record_id = f"{id_prefix}-{number:05d}"
        (out / record_id).mkdir(parents=True, exist_ok=True)
        files = {}
        for prefix, (name, content) in template_files.items():
            content = own_ids.sub(record_id.encode() + rb"-\1", content)
            (out / record_id / name).write_bytes(content.replace(template["id"].encode(), record_id.encode()))
            files[prefix] = f"{record_id}/{name}"
        datestamp = (first_day + timedelta(days=rng.randrange(span_days))).isoformat()
        records.append({"id": record_id, "datestamp": datestamp,
                        "sets": sorted(rng.sample(set_specs, rng.randint(1, len(set_specs)))) if set_specs else [],
                        "files": files})
    catalogue["records"] = records
    catalogue["repository"]["earliest_datestamp"] = min(record["datestamp"] for record in records)
    (out / "catalogue.json").write_text(json.dumps(catalogue, indent=1), encoding="utf-8")
    return catalogue


def _own_ids(contents) -> re.Pattern[bytes]:
    """The template's ID values where they stand as an ID or a reference: ``="x"`` or ``#x``."""
    ids = sorted({found.group(1) for content in contents for found in _ID_ATTRIBUTE.finditer(content)},
                 key=len, reverse=True)
    alternatives = b"|".join(map(re.escape, ids)) or b"(?!)"
    return re.compile(rb'(?:(?<==")|(?<=#))(' + alternatives + rb')(?=[" ])')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a built metadata folder (with catalogue.json)")
    parser.add_argument("out", type=Path, help="the folder to write (a build/metadata look-alike)")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate_repository(arguments.source, arguments.out, arguments.count, arguments.seed)
    print(f"wrote {arguments.count} records to {arguments.out}")


if __name__ == "__main__":
    main()
