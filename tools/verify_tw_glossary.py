"""Check the Taiwan statute concepts (glossaries/tw_*.json) against the official translations.

A concept's source may say ``"status": "verified"`` only if one of its Chinese
terms and one of its English terms occur in the same paragraph of the cited
article of the cited law, in the paragraph-aligned zh/en text of Taiwan's
Ministry of Justice Laws & Regulations Database (``tw_ip_law_parallel``).
A source with ``"article": null`` is a law's own title: it is verified when the
concept holds that law's Chinese and English titles exactly as the database
record gives them (``law_zh`` / ``law_en`` of the cited pcode).
This script re-does that check for every concept, so the claim stays
repeatable after anyone edits the files, and reports the article and
paragraph each concept was seen in.

Usage::

    python tools/verify_tw_glossary.py [--data PARALLEL.jsonl] [--json] [FILE ...]

FILE defaults to every ``glossaries/tw_*.json``.  The data defaults to
``$IPTERM_TW_PARALLEL`` or ``../shared/evaldata/tw_ip_law_parallel.dev.jsonl``
next to the checkout.  Exit status 0 when every verified source is borne out,
1 when any is not (each failure is listed), 2 when the data cannot be found.

Matching: the Chinese term must occur verbatim in the Traditional paragraph;
the English term must occur in the English paragraph as whole words, ignoring
case and curly quotes, reading "drawing(s)" as "drawings", and allowing a plural or verb
ending (-s, -es, -d, -ed, -ing: "circumvent" is seen in "circumvented").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "evaldata" / "tw_ip_law_parallel.dev.jsonl"
URL_PCODE = re.compile(r"[?&]pcode=([A-Za-z0-9]+)")
ARTICLE = re.compile(r"^Article (\d+(?:-\d+)?)$")


@dataclass(frozen=True)
class Paragraph:
    pcode: str
    article: str
    paragraph: int
    zh: str
    en: str  # normalised with normalize_en


def normalize_en(text: str) -> str:
    """Lower-case English with plain quotes, "(s)" markers closed up and single spaces.

    >>> normalize_en("The Owner’s   drawing(s)")
    "the owner's drawings"
    """
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    text = re.sub(
        r"\((s|es)\)", r"\1", text
    )  # "drawing(s)" -> "drawings": singular and plural terms both match
    return " ".join(text.lower().split())


def en_occurs(term: str, normalised_paragraph: str) -> bool:
    """Whether ``term`` occurs in the paragraph as whole words (-s/-es/-d/-ed/-ing allowed).

    >>> en_occurs("exclusive license", normalize_en("an Exclusive Licenses clause"))
    True
    >>> en_occurs("license", normalize_en("sub-licensing"))
    False
    >>> en_occurs("dependent variety", "the following dependent varieties:")
    True
    >>> en_occurs("circumvent", "by any other means circumvented.")
    True
    """
    term = normalize_en(term)
    needle = re.escape(term)
    if term.endswith("y"):  # variety -> varieties
        needle = rf"(?:{needle}|{re.escape(term[:-1])}ies)"
    pattern = rf"(?<![\w-]){needle}(?:s|es|d|ed|ing)?(?![\w-])"
    return re.search(pattern, normalised_paragraph) is not None


def load_paragraphs(path: Path) -> dict[tuple[str, str], list[Paragraph]]:
    """The aligned paragraphs, keyed by (pcode, article); each law's title under (pcode, "")."""
    by_article: dict[tuple[str, str], list[Paragraph]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            para = Paragraph(
                row["pcode"],
                str(row["article"]),
                int(row["paragraph"]),
                row["zh"],
                normalize_en(row["en"]),
            )
            by_article[(para.pcode, para.article)].append(para)
            if (para.pcode, "") not in by_article and row.get("law_zh") and row.get("law_en"):
                by_article[(para.pcode, "")].append(
                    Paragraph(para.pcode, "", 0, row["law_zh"], row["law_en"])
                )
    return by_article


def title_matches(concept: dict, title: Paragraph) -> bool:
    """Whether the concept names the law exactly as its database record does (title.en is raw)."""
    texts = {(t["lang"], t["text"]) for t in concept["terms"]}
    return ("zh", title.zh) in texts and ("en", title.en) in texts


def evidence(
    zh_terms: Iterable[str], en_terms: Iterable[str], paragraphs: Iterable[Paragraph]
) -> tuple[Paragraph, str, str] | None:
    """The first paragraph holding one of ``zh_terms`` and one of ``en_terms``, with the pair."""
    zh_terms, en_terms = list(zh_terms), list(en_terms)
    for para in paragraphs:
        for zh in zh_terms:
            if zh in para.zh:
                for en in en_terms:
                    if en_occurs(en, para.en):
                        return para, zh, en
    return None


def check_concept(concept: dict, by_article: dict[tuple[str, str], list[Paragraph]]) -> list[str]:
    """Problems with one concept's verified sources (empty when all are borne out)."""
    problems = []
    zh_terms = [t["text"] for t in concept["terms"] if t["lang"] == "zh"]
    en_terms = [t["text"] for t in concept["terms"] if t["lang"] == "en"]
    sources = concept.get("sources") or []
    if not any(s.get("status") == "verified" for s in sources):
        problems.append("no verified source")
    for source in sources:
        if source.get("status") != "verified":
            continue
        pcode = URL_PCODE.search(source.get("url") or "")
        if pcode and source.get("article") is None:
            titles = by_article.get((pcode.group(1), ""), [])
            if not titles or not title_matches(concept, titles[0]):
                problems.append(f"{pcode.group(1)}: the law's title pair is not among the terms")
            continue
        article = ARTICLE.match(source.get("article") or "")
        if not pcode or not article:
            problems.append(f"source {source.get('title')!r}: no pcode in url or no 'Article N'")
            continue
        paras = by_article.get((pcode.group(1), article.group(1)), [])
        if not paras:
            problems.append(f"{pcode.group(1)} Article {article.group(1)}: not in the data")
        elif evidence(zh_terms, en_terms, paras) is None:
            problems.append(
                f"{pcode.group(1)} Article {article.group(1)}: no paragraph holds both a zh term "
                f"{zh_terms} and an en term {en_terms}"
            )
    return problems


def seen_in(concept: dict, by_article: dict[tuple[str, str], list[Paragraph]]) -> str:
    """Where the concept's preferred pair (or, failing that, any pair) was seen."""
    zh_terms = [t["text"] for t in concept["terms"] if t["lang"] == "zh"]
    en_terms = [t["text"] for t in concept["terms"] if t["lang"] == "en"]
    for source in concept.get("sources") or []:
        pcode = URL_PCODE.search(source.get("url") or "")
        if pcode and source.get("article") is None:
            titles = by_article.get((pcode.group(1), ""), [])
            if titles and title_matches(concept, titles[0]):
                return f"{pcode.group(1)} title: {titles[0].zh} = {titles[0].en}"
        article = ARTICLE.match(source.get("article") or "")
        if pcode and article:
            found = evidence(
                zh_terms, en_terms, by_article.get((pcode.group(1), article.group(1)), [])
            )
            if found:
                para, zh, en = found
                return f"{para.pcode} Art. {para.article} para. {para.paragraph}: {zh} = {en}"
    return "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get("IPTERM_TW_PARALLEL", DEFAULT_DATA))
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per concept")
    parser.add_argument("--quiet", action="store_true", help="print failures and the summary only")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"verify_tw_glossary: error: aligned data not found at {args.data} (give --data)",
            file=sys.stderr,
        )
        return 2
    by_article = load_paragraphs(args.data)
    files = args.files or sorted((ROOT / "glossaries").glob("tw_*.json"))
    checked = failed = 0
    for path in files:
        for concept in json.loads(path.read_text(encoding="utf-8"))["concepts"]:
            checked += 1
            problems = check_concept(concept, by_article)
            failed += bool(problems)
            if args.json:
                print(
                    json.dumps(
                        {
                            "file": path.name,
                            "id": concept["id"],
                            "seen_in": seen_in(concept, by_article),
                            "problems": problems,
                        },
                        ensure_ascii=False,
                    )
                )
            elif problems:
                print(f"FAIL {path.name} {concept['id']}: " + "; ".join(problems))
            elif not args.quiet:
                print(f"ok   {path.name} {concept['id']}: {seen_in(concept, by_article)}")
    print(f"{checked} concepts checked, {failed} with unverified sources", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
