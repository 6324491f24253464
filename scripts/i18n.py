"""Keep zi's translation catalog in step with the code (Babel).

    python scripts/i18n.py extract   # the code's messages -> src/zicli/locale/zi.pot
    python scripts/i18n.py update    # extract, then merge the .pot into every .po
    python scripts/i18n.py compile   # every .po -> its .mo (what zi loads)
    python scripts/i18n.py check     # exit 1 when the .pot, a .po or a .mo is out of step
    python scripts/i18n.py merge A.po [B.po ...]
                                     # fill untranslated entries of id.po from other copies

A translator edits ``src/zicli/locale/id/LC_MESSAGES/zi.po`` and runs ``update``
and ``compile``; the test suite runs ``check`` (tests/test_i18n.py).
Messages are found in Python (``_``, ``N_``, ``ngettext``) and in the HTML
templates (Jinja2's ``{% trans %}`` and ``_()``).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "zicli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "zi.pot"
TRANSLATED = ("id",)
"""The languages with a catalog; English is the code's own."""

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "gettext": None}
"""``gettext`` is what a template's ``{% trans %}`` block calls (no Python code does)."""
METHODS = [
    ("**/htmlkit/templates/**.j2", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {
    # As zicli.render.htmlkit's environment parses them, so the msgids are the ones
    # looked up at run time (new-style gettext keeps a literal % as %%); a template
    # that does not parse stops the extraction instead of being skipped.
    "**/htmlkit/templates/**.j2": {
        "extensions": "jinja2.ext.i18n",
        "trimmed": "true",
        "newstyle_gettext": "true",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "keep_trailing_newline": "true",
        "silent": "false",
    }
}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "zi.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "zi.mo"


def extract() -> Catalog:
    """Every message the code marks, with where it is used."""
    catalog = Catalog(project="zi", domain="zi", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=METHODS,
        options_map=OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"src/zicli/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    return out.getvalue()


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain="zi")


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _updated(template: Catalog, lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        catalog = _read(path, lang)
    else:
        catalog = Catalog(locale=lang, domain="zi", project="zi", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()  # a message the code no longer has is gone, not kept
    catalog.fuzzy = False
    catalog.project = "zi"
    catalog.last_translator = "zi developers"
    catalog.language_team = "Bahasa Indonesia"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = "zi developers"
    catalog.version = ""
    catalog.revision_date = template.creation_date
    catalog.creation_date = template.creation_date
    return catalog


def _stable(catalog: Catalog) -> Catalog:
    # Dates in headers would make every run a change; the catalog's dates carry no meaning here.
    import datetime

    fixed = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    catalog.creation_date = fixed
    catalog.revision_date = fixed
    return catalog


def cmd_extract() -> Catalog:
    template = _stable(extract())
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_po_bytes(template))
    return template


def cmd_update() -> None:
    template = cmd_extract()
    for lang in TRANSLATED:
        catalog = _stable(_updated(template, lang))
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))
        ids = [m for m in catalog if m.id]
        missing = sum(1 for m in ids if not _done(m.string))
        print(f"{path.relative_to(ROOT)}: {len(ids)} messages, {missing} untranslated")


def _done(string: object) -> bool:
    if isinstance(string, tuple):
        return all(string)
    return bool(string)


def cmd_compile() -> None:
    for lang in TRANSLATED:
        catalog = _read(po_path(lang), lang)
        mo_path(lang).write_bytes(_mo_bytes(catalog))


def problems() -> list[str]:
    """What is out of step: messages missing from the .pot or a .po, untranslated or
    fuzzy entries, placeholders that differ, a .mo older than its .po."""
    from babel.messages.checkers import python_format

    found: list[str] = []
    template = _stable(extract())
    if not POT.exists() or POT.read_bytes() != _po_bytes(template):
        found.append(
            f"{POT.relative_to(ROOT)}: not the code's messages; run scripts/i18n.py update"
        )
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for lang in TRANSLATED:
        path = po_path(lang)
        if not path.exists():
            found.append(f"{path}: missing; run scripts/i18n.py update")
            continue
        catalog = _read(path, lang)
        have = {}
        for m in catalog:
            if not m.id:
                continue
            key = m.id if isinstance(m.id, str) else m.id[0]
            have[key] = m
        for key in sorted(wanted - have.keys()):
            found.append(f"{path.name} ({lang}): no entry for {key!r}; run scripts/i18n.py update")
        for key in sorted(have.keys() - wanted):
            found.append(f"{path.name} ({lang}): {key!r} is not in the code any more")
        for key, m in sorted(have.items()):
            if not _done(m.string):
                found.append(f"{path.name} ({lang}): untranslated: {key!r}")
            elif m.fuzzy:
                found.append(f"{path.name} ({lang}): fuzzy: {key!r}")
            else:
                found.extend(_placeholder_problems(path.name, lang, m))
                if "python-format" in m.flags:
                    try:
                        python_format(catalog, m)
                    except Exception as exc:  # babel's TranslationError
                        found.append(f"{path.name} ({lang}): {key!r}: {exc}")
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{mo.relative_to(ROOT)}: not compiled from {path.name}; run compile")
    return found


def placeholders(text: str) -> list[str]:
    """The ``{name}`` fields of a ``str.format`` message, sorted (``{{`` is a brace)."""
    import string

    try:
        return sorted(
            f"{name}:{spec}"
            for _, name, spec, _ in string.Formatter().parse(text)
            if name is not None
        )
    except ValueError:
        return ["<unbalanced braces>"]


def _placeholder_problems(name: str, lang: str, m: object) -> Iterable[str]:
    msgid = m.id  # type: ignore[attr-defined]
    string = m.string  # type: ignore[attr-defined]
    pairs = (
        [(msgid, string)]
        if isinstance(msgid, str)
        else [(msgid[0], s) for s in string[:1]] + [(msgid[1], s) for s in string[1:]]
    )
    if not isinstance(msgid, str) and len(string) == 1:
        # one plural form (Indonesian): it must carry the plural's fields
        pairs = [(msgid[1], string[0])]
    for source, target in pairs:
        if placeholders(source) != placeholders(target):
            theirs, ours = placeholders(target), placeholders(source)
            yield f"{name} ({lang}): {source!r}: fields {theirs} != {ours}"


def cmd_merge(paths: list[str]) -> None:
    """Fill untranslated entries of each .po from the same entries in ``paths``."""
    sources = [_read(Path(p)) for p in paths]
    for lang in TRANSLATED:
        catalog = _read(po_path(lang), lang)
        filled = 0
        for m in catalog:
            if not m.id or _done(m.string):
                continue
            for source in sources:
                other = source.get(m.id)
                if other is not None and _done(other.string) and not other.fuzzy:
                    m.string = other.string
                    filled += 1
                    break
        po_path(lang).write_bytes(_po_bytes(_stable(catalog)))
        print(f"{lang}: {filled} filled")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "check", "merge"])
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    if args.command == "extract":
        cmd_extract()
    elif args.command == "update":
        cmd_update()
    elif args.command == "compile":
        cmd_compile()
    elif args.command == "merge":
        cmd_merge(args.files)
    else:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
