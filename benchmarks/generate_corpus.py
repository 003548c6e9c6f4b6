"""A synthetic correspondence edition of N letters, for measuring editio at corpus scale.

    python benchmarks/generate_corpus.py OUTDIR [--letters 10000] [--seed 1]

The letters follow the encodings real correspondence editions write (the TEI Correspondence SIG's
``correspDesc``, an ``msDesc`` source description, DTA-style openers and closers), with names that
point into two index files of the edition (``listperson.xml``, ``listplace.xml``) by ``#id``, and one
letter in fifty carrying its own small register in ``back``. Sizes and element mix are close to the
Tillich correspondence (about 10 KB and 90 elements a letter). The same seed gives the same bytes.
The names, places and words are made up: this is a load, not an edition.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from xml.sax.saxutils import escape

TEI_NS = "http://www.tei-c.org/ns/1.0"
PEOPLE = 400
PLACES = 120
WORDS = ("und die der zu mit auf den ist nicht ein das wir auch so ich Sie haben Brief heute gestern "
         "morgen Arbeit Reise Buch Vortrag Freund Stadt Woche Jahr gern lange wieder schreiben lesen "
         "denken Frage Antwort bald herzlich Dank Grüße Gedanke Zeit Haus Weg Abend").split()
FORENAMES = "Anna Paul Marie Hannah Karl Emil Grete Hans Elisabeth Richard Eduard Lily Wilhelm Fritz".split()
SURNAMES = "Tillich Wegener Schafft Hirsch Fritz Lohmann Müller Schmidt Becker Wolf Klein Braun".split()
TOWNS = "Berlin Marburg Dresden Leipzig Frankfurt Hamburg Breslau München Halle Wien Zürich Köln".split()


def _person(index: int) -> tuple[str, str]:
    return (FORENAMES[index % len(FORENAMES)], f"{SURNAMES[index % len(SURNAMES)]}{index // len(SURNAMES)}")


def _place(index: int) -> str:
    return f"{TOWNS[index % len(TOWNS)]}{'' if index < len(TOWNS) else index // len(TOWNS)}"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _name(rng: random.Random) -> str:
    index = rng.randrange(PEOPLE)
    forename, surname = _person(index)
    return f'<persName ref="#person{index}">{forename} {surname}</persName>'


def _paragraph(rng: random.Random, number: int) -> str:
    parts = []
    for _ in range(rng.randint(4, 9)):
        roll = rng.random()
        if roll < 0.25:
            parts.append(_name(rng))
        elif roll < 0.4:
            index = rng.randrange(PLACES)
            parts.append(f'<placeName ref="#place{index}">{_place(index)}</placeName>')
        elif roll < 0.47:
            parts.append(f'<hi rend="underline">{_words(rng, 2)}</hi>')
        elif roll < 0.52:
            parts.append(f"<choice><sic>{_words(rng, 1)}x</sic><corr>{_words(rng, 1)}</corr></choice>")
        elif roll < 0.57:
            parts.append(f'<note type="commentary" n="{number}">{_words(rng, 14)}</note>')
        elif roll < 0.6:
            parts.append(f'<pb n="{number + 1}"/>')
        elif roll < 0.63:
            parts.append(f'<unclear reason="illegible">{_words(rng, 1)}</unclear>')
        parts.append(_words(rng, rng.randint(12, 40)))
    return f"<p>{' '.join(parts)}.</p>"


def letter(number: int, rng: random.Random) -> str:
    sender, recipient = rng.randrange(PEOPLE), rng.randrange(PEOPLE)
    place = rng.randrange(PLACES)
    year, month, day = rng.randint(1900, 1965), rng.randint(1, 12), rng.randint(1, 28)
    when = f"{year:04d}-{month:02d}-{day:02d}"
    exact = rng.random() > 0.1
    date = (f'<date when="{when}">{day}.{month}.{year}</date>' if exact
            else f'<date notBefore="{year:04d}-{month:02d}-01" notAfter="{year:04d}-{month:02d}-28" cert="low">'
                 f"{month}/{year}</date>")
    s_fore, s_sur = _person(sender)
    r_fore, r_sur = _person(recipient)
    ident = f"S{number:05d}"
    paragraphs = "\n".join(_paragraph(rng, n) for n in range(1, rng.randint(3, 8)))
    postscript = (f"<postscript><p>{_words(rng, 15)}</p></postscript>" if rng.random() < 0.15 else "")
    back = ""
    if number % 50 == 0:  # a letter that carries its own register, as DTA-style editions do
        back = (f'<back><listPerson><person xml:id="person{sender}"><persName><surname>{s_sur}</surname>'
                f"<forename>{s_fore}</forename></persName><birth when=\"1870\"/><death when=\"1950\"/>"
                f"<occupation>{_words(rng, 1)}</occupation></person></listPerson>"
                f'<listPlace><place xml:id="place{place}"><placeName>{_place(place)}</placeName>'
                f"<location><geo>52.5 13.4</geo></location></place></listPlace></back>")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="{ident}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Brief von {s_fore} {s_sur} an {r_fore} {r_sur}, {escape(when)}</title>
        <author ref="#person{sender}">{s_sur}, {s_fore}</author></titleStmt>
      <publicationStmt><publisher>Synthetic Correspondence</publisher>
        <availability><licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0</licence></availability>
      </publicationStmt>
      <seriesStmt><title level="s">Synthetic Correspondence</title></seriesStmt>
      <sourceDesc><msDesc><msIdentifier><settlement>{_place(place)}</settlement>
        <repository>Archiv {number % 7}</repository><idno>Nr. {number}</idno></msIdentifier>
        <physDesc><objectDesc><supportDesc><extent>{rng.randint(1, 6)} Blatt</extent></supportDesc></objectDesc>
        </physDesc></msDesc></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent"><persName ref="#person{sender}">{s_fore} {s_sur}</persName>
          <placeName ref="#place{place}">{_place(place)}</placeName>{date}</correspAction>
        <correspAction type="received"><persName ref="#person{recipient}">{r_fore} {r_sur}</persName></correspAction>
      </correspDesc>
      <langUsage><language ident="de">Deutsch</language></langUsage>
    </profileDesc>
    <revisionDesc><change when="2024-01-{1 + number % 28:02d}">Erfasst</change></revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter">
        <opener><dateline><placeName ref="#place{place}">{_place(place)}</placeName>, {date}</dateline>
          <salute>Lieber {r_fore},</salute></opener>
{paragraphs}
        <closer><salute>Herzlich</salute><signed>{_name(rng)}</signed></closer>
        {postscript}
      </div>
    </body>{back}
  </text>
</TEI>
"""


def index_files() -> dict[str, str]:
    people = "\n".join(
        f'<person xml:id="person{i}"><persName><surname>{_person(i)[1]}</surname>'
        f"<forename>{_person(i)[0]}</forename></persName></person>" for i in range(PEOPLE))
    places = "\n".join(f'<place xml:id="place{i}"><placeName>{_place(i)}</placeName></place>'
                       for i in range(PLACES))
    head = ('<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt>'
            "<p>Synthetic Correspondence</p></publicationStmt><sourceDesc><p>generated</p></sourceDesc>"
            "</fileDesc></teiHeader>")
    return {
        "listperson.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">'
                          f'{head.format("Personen")}<text><body><listPerson>{people}</listPerson>'
                          "</body></text></TEI>\n",
        "listplace.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">'
                         f'{head.format("Orte")}<text><body><listPlace>{places}</listPlace>'
                         "</body></text></TEI>\n",
    }


def write_corpus(out: Path, letters: int, seed: int = 1) -> Path:
    """Write ``letters`` letters and the two index files into ``out``; returns ``out``."""
    rng = random.Random(seed)
    (out / "letters").mkdir(parents=True, exist_ok=True)
    (out / "indices").mkdir(parents=True, exist_ok=True)
    for number in range(1, letters + 1):
        (out / "letters" / f"S{number:05d}.xml").write_text(letter(number, rng), encoding="utf-8")
    for name, content in index_files().items():
        (out / "indices" / name).write_text(content, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    write_corpus(arguments.out, arguments.letters, arguments.seed)
    print(f"wrote {arguments.letters} letters to {arguments.out}")


if __name__ == "__main__":
    main()
