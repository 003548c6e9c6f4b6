"""Timings of the print edition (``editio build --only pdf``) on the letter, cold and warm.

    python benchmarks/build_pdf.py [--runs 5]

Cold: a fresh Python process building the PDF, and the typesetter's first PDF (process start,
``import weasyprint``, faces, typesetting) with each start method. Warm: the same typesetter's next
PDF. Then where a PDF's time goes inside WeasyPrint (layout, drawing and writing), and what the
options that trade time for size or fidelity change: the package's variable fonts (which WeasyPrint
instances at every PDF) against the static instances editio makes, an uncompressed PDF, no tags.
The build-wide target (issue 3): validate + html + text + pdf from a cold process <= 1.5 s, which
benchmarks/build.py measures; this script says how much of it the PDF is. Medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER = "letter-to-the-workers-of-western-europe"


def in_fresh_process(code: str) -> dict[str, float]:
    """Run ``code`` (which prints one JSON object of timings) in a new interpreter."""
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


COLD_BUILD = """
import json, sys, tempfile, time
started = time.perf_counter()
from editio.build import build_edition
with tempfile.TemporaryDirectory() as out:
    build_edition(['tei'], out=out, only=['pdf'], validate=False)
print(json.dumps({'pdf only, no validation': time.perf_counter() - started}))
"""

TYPESETTER = """
import json, time
from editio import pdf
from editio.edition import load_edition
edition = load_edition(['tei'])
document = edition.texts[0]
job = pdf._job(edition, document, pdf.render_print_html(edition, document))
started = time.perf_counter()
typesetter = pdf.Typesetter({method!r})
typesetter.submit(job)
typesetter.result(job.key)
cold = time.perf_counter() - started
warm = []
for _ in range(2):
    started = time.perf_counter()
    typesetter.submit(job)
    typesetter.result(job.key)
    warm.append(time.perf_counter() - started)
typesetter.close()
print(json.dumps({{'cold': cold, 'warm': min(warm)}}))
"""

STAGES = """
import json, tempfile, time
laps, last = {{}}, time.perf_counter()
def lap(name):
    global last
    now = time.perf_counter(); laps[name] = now - last; last = now
import weasyprint
from weasyprint.text.fonts import FontConfiguration
lap('import weasyprint')
from pathlib import Path
from editio import pdf
from editio.edition import load_edition
edition = load_edition(['tei'])
html = pdf.render_print_html(edition, edition.texts[0]).content.decode()
last = time.perf_counter()
fonts = FontConfiguration()
with tempfile.TemporaryDirectory() as folder:
    if {static}:
        faces = pdf.font_face_css(Path(folder))
    else:
        faces = '\\n'.join(f'@font-face {{{{ font-family: "{{pdf.FONT_FAMILY}}"; src: url("{{(pdf.FONT_DIR / name).as_uri()}}"); '
                          f'font-style: {{style}}; font-weight: {{weight}}; }}}}' for (style, weight), name in pdf.FACES.items())
    css = [weasyprint.CSS(string=faces, font_config=fonts), weasyprint.CSS(filename=str(pdf.PRINT_CSS), font_config=fonts),
           weasyprint.CSS(filename=str(pdf.PAGE_CSS['A5']), font_config=fonts)]
lap('faces and stylesheets')
for run in range(2):
    document = weasyprint.HTML(string=html, base_url=(Path('tei').resolve().as_uri() + '/')).render(
        stylesheets=css, font_config=fonts, pdf_variant={variant!r})
    lap(f'layout {{run + 1}}')
    data = document.write_pdf(pdf_variant={variant!r}, uncompressed_pdf={uncompressed})
    lap(f'draw and write {{run + 1}}')
laps['pages'] = len(document.pages)
laps['kilobytes'] = len(data) / 1024
print(json.dumps(laps))
"""


def median_of(runs: int, code: str) -> dict[str, float]:
    results = [in_fresh_process(code) for _ in range(runs)]
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def show(title: str, figures: dict[str, float]) -> None:
    print(title)
    for name, value in figures.items():
        unit = "" if name in ("pages", "kilobytes") else " s"
        print(f"  {name:<28} {value:8.3f}{unit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"The print PDF of the letter ({runs} runs, medians; fresh interpreter each run)\n")
    show("editio build --only pdf --no-validate, whole process:", median_of(runs, COLD_BUILD))
    for method in ("fork", "spawn"):
        show(f"typesetter started with {method!r}: first PDF (cold) and next PDF (warm):",
             median_of(runs, TYPESETTER.format(method=method)))
    variants = {
        "as built (static faces, PDF/UA-1, compressed)": {"static": True, "variant": "pdf/ua-1", "uncompressed": False},
        "variable fonts, instanced by WeasyPrint": {"static": False, "variant": "pdf/ua-1", "uncompressed": False},
        "uncompressed PDF": {"static": True, "variant": "pdf/ua-1", "uncompressed": True},
        "untagged (no PDF/UA)": {"static": True, "variant": None, "uncompressed": False},
    }
    print("\nInside WeasyPrint, by stage (run 2 is a second PDF in the same process):")
    for title, options in variants.items():
        show(f"{title}:", median_of(runs, STAGES.format(**options)))
    cores = os.cpu_count()
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else "?"
    print(f"\n(machine: {cores} cores; load average {' '.join(load)})")


if __name__ == "__main__":
    main()
