#!/usr/bin/env python3
"""Write rules/given-names-world.txt: given names of many countries, in Latin script.

    pip install faker==40.63.0      # the source (MIT), only for this script
    bench/build_given_names.py      # needs /usr/share/dict/american-english (Debian: wamerican)

The names rules tell a person ("Pieter Wuille", "Recep Tayyip Erdogan") from other capitalised
runs ("Bitcoin Core", "Peace Corps") by a known given name before the surname. The US Census
list in rules/given-names.txt knows few names from outside the US, so an international article
named nobody and its misspelt surnames went unreported. Faker's person providers list the
common given names of some sixty locales; this script keeps those written in Latin script and
drops what would make an ordinary capitalised word a given name in English prose:

- a name that is an English word in lower case (Major, General, Justice, Hope, Long);
- a name of two letters (Ab, Lo) or an abbreviation (Jun, Sep, Maj);
- places, peoples, faiths and the like that some lists give as names (Paris, India, Muslim);
- names already in rules/given-names.txt (kept there with their source).

Faker's "en", "en_US" and "es" lists are left out: the first two are US baby names (the Census
list's ground, with places such as Brooklyn and Dallas), the last is a placeholder.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "rules" / "given-names-world.txt"
SKIPPED_LOCALES = {"en", "en_US", "es"}
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
              "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female")
# One capitalised word of letters (diacritics allowed), or two joined by a hyphen (Jean-Pierre)
LATIN = re.compile(r"[A-Z][a-zß-öø-ÿĀ-ɏ]+(?:-[A-Z][a-zß-öø-ÿĀ-ɏ]+)?")
ABBREVIATIONS = set("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun "
                    "Maj Gen Col Sgt Cpl Pvt Adm Capt Cmdr Rep Sen Gov Del Rev Prof Ave Blvd".split())
NOT_NAMES = set("""
    Asia Africa America Europe Atlanta Bali Basel Bergen Brooklyn Carolina Dakota Etna India Indiana Israel
    Kingston Manila Oman Paris Washington Zion Verde Medina Aral Montana Nevada Texas Florida Arizona Virginia
    Georgia Berlin London Boston Dallas Houston Denver Phoenix Sahara Siena Sicily Tunisia Jordan Lebanon
    Danish Georgian Gregorian Philippine Muslim Nazi Viking Christian Catholic Islam Ramadan Easter Christmas
    Apollo Hermes Hera Loki Thor Janus Zeno Thales Kaiser Lenin Nixon Mars Venus Jupiter Saturn Neptune Pluto
    January February March April May June July August Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Will Era Sun
""".split())


def faker_names() -> dict[str, set[str]]:
    import faker.providers.person as person

    out: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        if module.name in SKIPPED_LOCALES:
            continue
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        names: set[str] = set()
        for attribute in ATTRIBUTES:
            value = getattr(provider, attribute, None)
            if isinstance(value, dict):  # some locales weight their names
                value = list(value)
            if isinstance(value, (list, tuple, set, frozenset)):
                names.update(v for v in value if isinstance(v, str) and LATIN.fullmatch(v))
        if names:
            out[module.name] = names
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", default="/usr/share/dict/american-english", help="an English word list")
    args = ap.parse_args()
    import faker

    lower = {w.strip() for w in Path(args.words).read_text(encoding="utf-8").splitlines() if w.strip().islower()}
    known = {ln.strip() for ln in (REPO / "rules" / "given-names.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")}
    by_locale = faker_names()
    names = {n for found in by_locale.values() for n in found
             if len(n) >= 3 and n.lower() not in lower and n not in ABBREVIATIONS and n not in NOT_NAMES
             and n not in known}
    header = f"""\
# Given names of many countries, in Latin script (Pieter, Jürgen, Andrzej, Recep, Søren), that
# newslint recognises in front of a surname, beside the US Census names of given-names.txt.
# Source: the person providers of Faker {faker.VERSION} (MIT licence, (c) 2012 Daniele Faraglia),
{textwrap.fill("locales " + ", ".join(sorted(by_locale)) + ".", 100, initial_indent="# ", subsequent_indent="# ")}
# Written by bench/build_given_names.py, which leaves out names that are English words in lower
# case, abbreviations, places and the like, and names already in given-names.txt. One name per line.
"""
    OUT.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names from {len(by_locale)} locales -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
