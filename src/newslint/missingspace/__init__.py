"""The checks of missing-space-after-punctuation (NL100), one module per shape of glued mark.

The rule module, rules/missing_space_after_punctuation.py, holds the user documentation and
``check``, which hands each candidate of typography's scan to the module that owns its shape:

  stops.py           . ! ? glued to the next word: does a sentence run into the next (end.Next)?
  capitalised.py       after a capitalised word: a name that ends a sentence, or one with a dot
  domains.py           after a domain, handle, file type or words joined by slashes (.gov.The)
  bangs.py             after a name styled with a "!" (PrepareAthon!Day)
  brands.py          a stop before a name such as iOS or eBay (on Friday.iOS users)
  abbreviations.py   a dotted abbreviation glued to the next word (the U.S.Digital Service)
  clauses.py         , ; glued to the next word: does a clause run on (documents,but)?
  colons.py          : between two words (Note:The, wrong:agencies; not og:title)
  asides.py          an aside in brackets or a link ending before the mark ((CAF).CAF, [x](url),which)
  openers.py         a comma glued to an opening quotation mark, link or bracket (said,“We)
  closing_quotes.py  a closing ” glued to the next word (done.”This)
  closers.py         a link or emphasis closed and glued to the next word ([x](url)in, **Pro**plan)
  emphasis.py        a mark glued to a word across a closing ** (**Tuesday**,and, **Note:**The)
  middle_dots.py     a middle dot typed for a space (the plan·the budget)
  headings.py        a heading's # glued to its title (##News)
  glued.py           what they all read: the text glued to each side of a mark, the word tests
  wordhabits.py      how the article writes its words elsewhere (alone, glued by a stop,
                     opening sentences): the evidence the stop checks weigh
"""
