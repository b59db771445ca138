"""One-off migration: the bundled glossary's free-text ``source`` strings -> structured ``sources``.

Run from the repository root::

    python tools/migrate_sources.py [--corpus ../shared/corpus] [--dry-run]

Each free-text source is split at top-level ``;`` into citations.  A citation
of a seed document ("SCIO briefing 2021-04-25 (corpus 002)") becomes a source
with that document's publisher and title; it is ``verified`` only when one of
the concept's (or, on a term, the term's own) names really occurs in the
document, checked here, with today's date as ``date_read``.  Every other
citation (an official translation, a database, curator's knowledge) becomes
an ``unverified`` source: nobody recorded seeing the term there.  The legacy
``source`` key is removed once its content is in ``sources``; remarks inside a
citation that are not a citation ("less the parenthetical ...") move to the
note.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import glossary_data  # noqa: E402

CURATOR = "ipterm curators"
UNVERIFIED_MARK = "(curator's knowledge; not verified against an official text)"

# The five seed documents (examples/SOURCES.md): publisher, title, date of the document.
SEED_DOCUMENTS = {
    "000": ("Rouse / Lusheng Law Firm", "China IP Highlights: February 2021 (Issue 2)"),
    "001": (
        "State Council Information Office (china.org.cn)",
        "SCIO briefing on Report on the Latest Development of IPR Protection and Business "
        "Environment in China (2020), 26 April 2021",
    ),
    "002": (
        "State Council Information Office (china.org.cn)",
        "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and accelerating "
        "the building of China's strength in intellectual property, 25 April 2021",
    ),
    "003": (
        "China Law Translate (unofficial translation)",
        "Opinions on Strengthening Protections of Intellectual Property Rights (General Offices "
        "of the CPC Central Committee and the State Council, 24 Nov 2019)",
    ),
    "004": ("China IP News", "China in Full Swing to Enhance IPR Protection, 18 Dec 2020"),
}

# Publishers named by acronym in the old citations; full names as the bodies write them.
PUBLISHERS = {
    "CNIPA": "China National Intellectual Property Administration",
    "SIPO": "State Intellectual Property Office",
    "SAMR": "State Administration for Market Regulation",
    "GACC": "General Administration of Customs of China",
    "NCAC": "National Copyright Administration of China",
    "SPC": "Supreme People's Court",
    "SPP": "Supreme People's Procuratorate",
    "NPC": "National People's Congress",
    "MOFCOM": "Ministry of Commerce",
    "SCIO": "State Council Information Office",
    "MPS": "Ministry of Public Security",
    "WIPO": "World Intellectual Property Organization",
    "WTO": "World Trade Organization",
    "UPOV": "International Union for the Protection of New Varieties of Plants",
    "EPO": "European Patent Office",
    "EUIPO": "European Union Intellectual Property Office",
    "USTR": "Office of the United States Trade Representative",
    "USPTO": "United States Patent and Trademark Office",
    "USITC": "United States International Trade Commission",
    "JPO": "Japan Patent Office",
    "TIPO": "Taiwan Intellectual Property Office",
    "INTERPOL": "INTERPOL",
    "UN": "United Nations",
    "UNESCO": "UNESCO",
    "Xinhua": "Xinhua News Agency",
    "State Council": "State Council",
    "Ministry of Public Security": "Ministry of Public Security",
    "IP5": "IP5 (the five largest intellectual property offices)",
}

# Statute translations cited as "PRC <title>, official English translation": who enacted it.
STATUTE_PUBLISHERS = {
    "Patent Law": "National People's Congress Standing Committee",
    "Trademark Law": "National People's Congress Standing Committee",
    "Copyright Law": "National People's Congress Standing Committee",
    "Anti-Unfair Competition Law": "National People's Congress Standing Committee",
    "Civil Code": "National People's Congress",
    "Regulations": "State Council",
}

_CORPUS = re.compile(r"\(?(?:named in )?corpus ([0-9][0-9 ,\-\u2013]*[0-9])\)?")
_DOMAIN = re.compile(
    r"\b((?:[a-z0-9-]+\.)+(?:gov\.cn|gov\.hk|gov\.mo|gov\.tw|gov\.uk|org\.cn|com\.cn|cn|org|int|"
    r"gov|com|eu|go\.jp|go\.kr|court\.gov\.cn)(?:/[a-z0-9/._-]*)?)"
)


def split_citations(text: str) -> list[str]:
    """Split at ``;`` outside parentheses: "A (x; y); B" -> ["A (x; y)", "B"]."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def corpus_numbers(spec: str) -> list[str]:
    """``"000, 002-004"`` -> ``["000", "002", "003", "004"]``."""
    numbers: list[str] = []
    for piece in re.split(r"\s*,\s*", spec.strip()):
        if re.fullmatch(r"\d{3}\s*[-\u2013]\s*\d{3}", piece):
            low, high = (int(x) for x in re.split(r"\s*[-\u2013]\s*", piece))
            numbers += [f"{n:03d}" for n in range(low, high + 1)]
        elif re.fullmatch(r"\d{3}", piece):
            numbers.append(piece)
    return numbers


def corpus_key(text: str) -> str:
    """Document or term text folded like a look-up key (width, case, hyphens, quotes)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub('[\u201c\u201d"]', "", text).casefold()
    text = text.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ")
    return " " + " ".join(text.split()) + " "


def _seen(names: list[str], document: str) -> bool:
    for name in names:
        key = corpus_key(name).strip()
        if key and (f" {key} " in document or (not key.isascii() and key in document)):
            return True
        # "China's Patent Law" also matches "china's patent law," with punctuation after it
        if key and re.search(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])", document):
            return True
    return False


class Migrator:
    def __init__(self, corpus_dir: Path, today: str) -> None:
        self.today = today
        self.documents: dict[str, str] = {}
        for path in sorted(corpus_dir.glob("*.txt")):
            self.documents[path.name[:3]] = corpus_key(path.read_text(encoding="utf-8"))
        self.unmapped: list[str] = []

    # -- one citation --------------------------------------------------------

    def citation(
        self, text: str, names: list[str], concept: dict[str, Any]
    ) -> tuple[list[dict], str | None]:
        """Sources for one citation, and a remark for the note (or ``None``)."""
        match = _CORPUS.search(text)
        if match:
            sources = [self.corpus_source(n, names) for n in corpus_numbers(match.group(1))]
            rest = text[match.end() :].strip(" ,")
            return sources, (rest or None)
        return [self.other_source(text, concept)], None

    def corpus_source(self, number: str, names: list[str]) -> dict[str, Any]:
        publisher, title = SEED_DOCUMENTS[number]
        seen = number in self.documents and _seen(names, self.documents[number])
        return _source(
            publisher,
            title,
            article=f"seed document {number} (examples/corpus, ../shared/corpus)",
            date_read=self.today if seen else None,
            status="verified" if seen else "unverified",
        )

    def other_source(self, text: str, concept: dict[str, Any]) -> dict[str, Any]:
        clean = text.replace(UNVERIFIED_MARK, "").strip()
        url = None
        domain = _DOMAIN.search(clean)
        if domain:
            url = _site(domain.group(1))
        clean = re.sub(r"\s+", " ", clean).strip()
        publisher, title, article = self.publisher_and_title(clean, concept)
        if publisher == "Ministry of Justice (Taiwan)" and url is None:
            url = "https://law.moj.gov.tw/"
        return _source(publisher, title, article=article, url=url)

    def publisher_and_title(
        self, clean: str, concept: dict[str, Any]
    ) -> tuple[str, str, str | None]:
        zh_name = _preferred(concept, "zh")
        en_name = _preferred(concept, "en")
        statute = re.match(
            r"PRC (.+?)(?: \((\d{4})(?: amendment)?\))?, (official|SIPO) English translation", clean
        )
        if statute:
            title, year = statute.group(1), statute.group(2)
            publisher = (
                "State Intellectual Property Office"
                if statute.group(3) == "SIPO"
                else next((p for key, p in STATUTE_PUBLISHERS.items() if key in title), CURATOR)
            )
            full = (
                f"{title} of the People's Republic of China"
                if "Regulations" not in title
                else title
            )
            return (
                publisher,
                full + (f" ({year})" if year else "") + ", official English translation",
                None,
            )
        if clean.startswith("Taiwan MOJ Laws & Regulations Database"):
            article = clean.split("),", 1)[1].strip() if ")," in clean else None
            if article and article.startswith("title pair"):
                article = None
            return (
                "Ministry of Justice (Taiwan)",
                "Laws & Regulations Database of the Republic of China (Taiwan)",
                article,
            )
        if clean.startswith("Hong Kong e-Legislation"):
            return "Department of Justice, Hong Kong SAR", "Hong Kong e-Legislation", None
        if clean.startswith("WIPO-administered treaties"):
            return PUBLISHERS["WIPO"], "WIPO-Administered Treaties", None
        if clean.startswith("Macao SAR Decree-Law"):
            return "Government of the Macao SAR", clean.removeprefix("Macao SAR ").strip(), None
        if clean.startswith("Taiwan usage per TIPO"):
            return PUBLISHERS["TIPO"], clean, None
        if clean.startswith("WTO TRIPS Agreement"):
            return (
                PUBLISHERS["WTO"],
                "Agreement on Trade-Related Aspects of Intellectual Property Rights",
                None,
            )
        if clean.startswith(
            ("official Chinese title", "official Chinese name", "Chinese title", "Chinese name")
        ):
            inside = re.search(r"\(([^)]*)\)", clean)
            issuer = inside.group(1) if inside else ""
            publisher = _first_publisher(issuer + " " + clean)
            if publisher is None and issuer and not _DOMAIN.search(issuer):
                publisher = issuer.split(",")[0].strip()
            return publisher or CURATOR, zh_name or en_name or clean, clean
        if clean.startswith(("English per", "English as in")):
            return (
                _first_publisher(clean) or CURATOR,
                f"{en_name} (English version)" if en_name else clean,
                clean,
            )
        lead = re.match(
            r"([A-Z][A-Za-z/ ]*?) (official|announcements?|notices?|approvals|usage|English site"
            r"|operation|General Office|document)",
            clean,
        )
        if lead:
            first = lead.group(1).split("/")[0].strip()
            if first in PUBLISHERS:
                return PUBLISHERS[first], clean, None
            if concept.get("subject") in ("agency", "court", "organization") and en_name:
                return en_name, clean, None
        if re.match(
            r"(official|court's official|company's official|former)", clean
        ) and concept.get("subject") in (
            "agency",
            "court",
            "organization",
            "campaign",
            "policy",
            "law",
            "regulation",
            "treaty",
        ):
            return (en_name or CURATOR), clean, None
        self.unmapped.append(clean)
        return CURATOR, clean, None

    # -- concepts and terms --------------------------------------------------

    def migrate_concept(self, concept: dict[str, Any]) -> None:
        names = [t["text"] for t in concept["terms"]]
        if "source" in concept:
            sources, remarks = self.citations(concept.pop("source"), names, concept)
            concept["sources"] = _merge(concept.get("sources", []), sources)
            _add_note(concept, remarks)
        for term in concept["terms"]:
            if "source" in term:
                sources, remarks = self.citations(term.pop("source"), [term["text"]], concept)
                term["sources"] = _merge(term.get("sources", []), sources)
                _add_note(term, remarks)
        # keys in a stable order: id, subject, ..., sources, terms
        order = [k for k in concept if k not in ("sources", "terms")] + ["sources", "terms"]
        items = {k: concept[k] for k in order if k in concept}
        concept.clear()
        concept.update(items)

    def citations(
        self, text: str, names: list[str], concept: dict[str, Any]
    ) -> tuple[list[dict], list[str]]:
        sources, remarks = [], []
        for part in split_citations(text):
            found, remark = self.citation(part, names, concept)
            sources += found
            if remark:
                remarks.append(remark)
        # "official Chinese title; English per NPC official translation": the Chinese title
        # comes from the same publisher as the translation cited beside it.
        named = (
            [
                s
                for s in sources
                if s["publisher"] != CURATOR and not (s["article"] or "").startswith("seed")
            ]
            if sources
            else []
        )
        for source in sources:
            if (
                source["publisher"] == CURATOR
                and (source["article"] or "").startswith("official Chinese")
                and named
            ):
                source["publisher"] = named[0]["publisher"]
                source["url"] = source["url"] or named[0]["url"]
        return sources, remarks


# Second-level suffixes: a domain with nothing before them but one label is a bare site name.
_SECOND_LEVEL = (
    "gov.cn",
    "org.cn",
    "com.cn",
    "gov.hk",
    "gov.mo",
    "gov.tw",
    "go.jp",
    "go.kr",
    "gov.uk",
)


def _site(domain: str) -> str:
    """An https address for a cited site; bare names (``samr.gov.cn``) get their ``www.``."""
    host, _, path = domain.rstrip("/.").partition("/")
    labels = host.split(".")
    suffix = 2 if ".".join(labels[-2:]) in _SECOND_LEVEL else 1
    if len(labels) <= suffix + 1:
        host = "www." + host
    return f"https://{host}/{path}"


def _first_publisher(text: str) -> str | None:
    """The publisher whose acronym comes first in ``text`` ("SPC/CNIPA releases" -> the SPC)."""
    hits = [
        (m.start(), p)
        for k, p in PUBLISHERS.items()
        if (m := re.search(rf"\b{re.escape(k)}\b", text))
    ]
    return min(hits)[1] if hits else None


def _source(
    publisher: str,
    title: str,
    *,
    article: str | None = None,
    url: str | None = None,
    date_read: str | None = None,
    status: str = "unverified",
) -> dict[str, Any]:
    return {
        "publisher": publisher,
        "title": title,
        "article": article,
        "url": url,
        "date_read": date_read,
        "status": status,
    }


def _preferred(concept: dict[str, Any], lang: str) -> str | None:
    terms = [t for t in concept["terms"] if t["lang"] == lang]
    preferred = [
        t
        for t in terms
        if t.get("status", "preferred") == "preferred" and t.get("region") in (None, "mainland")
    ]
    chosen = preferred or [t for t in terms if t.get("status", "preferred") == "preferred"] or terms
    return chosen[0]["text"] if chosen else None


def _merge(old: list[dict], new: list[dict]) -> list[dict]:
    """Append, folding a repeat of the same publisher+title (a verified one wins)."""
    out = list(old)
    for source in new:
        twin = next(
            (
                s
                for s in out
                if (s["publisher"], s["title"]) == (source["publisher"], source["title"])
            ),
            None,
        )
        if twin is None:
            out.append(source)
        elif source["status"] == "verified" and twin["status"] != "verified":
            out[out.index(twin)] = source
    return out


def _add_note(item: dict[str, Any], remarks: list[str]) -> None:
    remarks = [r for r in remarks if r and r not in (item.get("note") or "")]
    if remarks:
        note = "; ".join(f"Source remark: {r}." for r in remarks)
        item["note"] = f"{item['note']} {note}" if item.get("note") else note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus")
    )
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    migrator = Migrator(Path(args.corpus), datetime.date.today().isoformat())
    if len(migrator.documents) != len(SEED_DOCUMENTS):
        print(f"expected {len(SEED_DOCUMENTS)} seed documents in {args.corpus}", file=sys.stderr)
        return 1
    for path in sorted(glossary_data.GLOSSARIES.glob("*.json")):
        document = glossary_data.load(path)
        for concept in document["concepts"]:
            migrator.migrate_concept(concept)
        if not args.dry_run:
            glossary_data.dump(document, path)
    for text in sorted(set(migrator.unmapped)):
        print(f"curator source: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
