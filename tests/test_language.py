"""An article's language without a lang key: the prose, then Hugo's path conventions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import language
from newslint.document import Document

FRENCH = ("Cette série sur l’intrapreneur nous a permis de mieux comprendre ses responsabilités et "
          "la méthode pour le former. Il vient du terrain où il a pu observer le problème qu’il "
          "cherche à résoudre. Il a des histoires d’usagers à raconter, parce qu’il rencontre ses "
          "usagers tous les jours depuis des années. Ce n’est pas un projet informatique, mais une "
          "équipe qui se lance avec un budget et une date.")
GERMAN = ("Die Gruppe trifft sich seit einem Jahr jede Woche in der Bibliothek und hat schon drei "
          "Anwendungen gebaut. Eine davon zeigt, wo es in der Stadt freie Parkplätze gibt, eine "
          "andere, wann der Müll abgeholt wird. Das ist nicht viel Arbeit, aber es hilft vielen "
          "Menschen, sagte die Sprecherin des Vereins.")
SPANISH = ("La graduación es un hito importante para el proyecto y refleja la fortaleza de la "
           "comunidad. Desde la fusión de los dos proyectos, miles de colaboradores y usuarios han "
           "ayudado a dar forma a un marco que se usa en toda la industria. Este hito pertenece a "
           "la comunidad, y por eso queremos agradecer a todas las personas que han contribuido.")
UKRAINIAN = ("Міська рада зібралася в четвер, щоб розглянути проєкт бюджету на наступний рік. Депутати "
             "обговорювали ремонт доріг, освітлення вулиць і нові дитячі майданчики. Мешканці, які "
             "прийшли на засідання, просили їх не поспішати з рішенням про продаж землі в парку.")
RUSSIAN = ("Городской совет собрался в четверг, чтобы рассмотреть проект бюджета на следующий год. "
           "Депутаты обсуждали ремонт дорог, освещение улиц и новые детские площадки. Жители, которые "
           "пришли на заседание, просили их не спешить с решением о продаже земли в парке.")
POLISH = ("Rada miasta zebrała się w czwartek, aby omówić projekt budżetu na przyszły rok. Radni "
          "rozmawiali o remoncie dróg, które są w złym stanie, oraz o oświetleniu ulic. Mieszkańcy, "
          "którzy przyszli na posiedzenie, prosili, żeby nie spieszyć się z decyzją, bo to jest "
          "sprawa dla całego miasta. Czy park zostanie sprzedany? Tego nie wie nikt, ale może już "
          "w przyszłym miesiącu będzie wiadomo więcej, jak mówi burmistrz, który jest także radnym.")
SERBIAN = ("Градско веће састало се у четвртак да размотри предлог буџета за наредну годину. Одборници "
           "су разговарали о поправци путева, осветљењу улица и новим дечјим игралиштима. Грађани "
           "који су дошли на седницу молили су их да не журе са одлуком о продаји земљишта у парку.")
CZECH = ("Jako každý rok se během léta sjíždí Pythonisti ze všech koutů republiky do obce Mšené-lázně. "
         "Sprint je akce, kde se všichni potkáme, přes den pracujeme na projektech, které jsou společné, "
         "a večer grilujeme. Letos jsme poprvé měli workshop první pomoci, který byl skvělý, a také jsme "
         "diskutovali o tom, kde a kdy bude příští sraz. Je to akce, na které nejde jen o kód, ale když "
         "přijdete, uvidíte, že jsme komunita. Ještě jednou díky všem, kteří pomohli, protože bez nich "
         "by to nebylo možné, a také těm, kdo jen přišli.")
ENGLISH = ("The council said on Monday that the talks would resume, and that both sides had agreed "
           "to a timetable. It was the first meeting of the year, and the chair said the mood was "
           "better than it had been in the autumn. They will meet again in March.")


@pytest.mark.parametrize("text, lang", [(FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es"), (ENGLISH, "en"),
                                        (UKRAINIAN, "uk"), (RUSSIAN, "ru"), (POLISH, "pl"), (CZECH, "cs")])
def test_prose_names_its_language(text: str, lang: str) -> None:
    assert language.from_prose(text) == lang


def test_cyrillic_letters_name_the_language_only_when_they_tell_it() -> None:
    assert language.from_prose(SERBIAN) is None            # ј, љ, њ: no tables for Serbian here
    assert language.from_prose("Слава Україні!") is None   # too few letters to tell
    # a Russian notice of two sentences is told by its letters (ы, э, ъ, ё)
    assert language.from_prose("В 2018 г. мы провели встречу «Python в Москве» — пришло сорок человек. "
                               "Докладчик сказал, что это новый подход, и всё было хорошо.") == "ru"
    mixed = ENGLISH + " " + ENGLISH + " He wrote: «Депутати, хочемо знати!»"
    assert language.from_prose(mixed) == "en"              # a Ukrainian quotation in an English article
    # a Ukrainian article quoting a Russian headline is still Ukrainian
    assert language.from_prose(UKRAINIAN + " Газета написала: «Жители просили не спешить».") == "uk"


def test_short_polish_text_is_told_by_its_letters() -> None:
    short = ("Z radością otwieramy nową stronę fundacji. Widzisz jakieś błędy? Chcesz coś dopisać "
             "albo masz własne teksty? Śmiało! Napisz do nas przez formularz.")
    assert language.from_prose(short) == "pl"  # no function word listed, but ł ś ą ę…
    # Polish names in a short English text: too few Polish letters among the others
    assert language.from_prose("Mayors from Łódź, Gdańsk, Wrocław and Białystok met in Poznań on Friday.") is None
    assert language.from_prose("Wałęsa, Szymborska, Łódź, Kraków, Gdańsk.") is None  # ł ś ż ź too few
    # a Czech text (ě, ř, š, č, ž with a caron) is not Polish: it is Czech
    assert language.from_prose("Městská rada se sešla ve čtvrtek, aby projednala návrh rozpočtu na příští "
                               "rok. Zastupitelé mluvili o opravách silnic a osvětlení ulic.") == "cs"
    # function words of another language outweigh the letters
    assert language.from_prose("Das ist nicht die Lösung, sagte er über Łódź, Gdańsk, Wrocław, Białystok, "
                               "Częstochowa und Świętokrzyskie.") is None


def test_short_czech_and_german_texts_are_told_by_their_letters() -> None:
    # a Czech notice of two sentences: ř, ě and ů are Czech alone, and accented letters are many
    assert language.from_prose("Stala se nám taková nemilá věc. Během období nám zavřeli naši oblíbenou "
                               "restauraci, kde proběhlo několik vydařených srazů.") == "cs"
    # Czech names in an English text are not Czech
    assert language.from_prose("Dvořák and Janáček were played in Brno and Ústí on Friday.") is None
    # a German notice of three sentences: German function words and umlauts
    assert language.from_prose("Falls wegen des Hochwassers im Raum München ein Router zur Versorgung "
                               "benötigt wird, kontaktiert uns. Wir haben momentan zwei Kits zur "
                               "Verfügung.") == "de"
    # Swedish shares den with German, but writes å, and its own function words name it
    assert language.from_prose("Nu är det alldeles för länge sedan vi sågs, men vi ska träffas på "
                               "gården den 17 augusti. Välkomna, och ta med det ni vill äta!") == "sv"
    # Norwegian and Danish write their own words (og, at, ikke, når), which are not Swedish, and
    # each spells a few of its own (av/af, etter/efter, ble/blev, noen/nogle, å)
    assert language.from_prose("Vi har ikke sett hverandre på lenge, men vi skal møtes i hagen den 17. "
                               "august. Velkommen, og ta med det dere vil spise! Det blir grilling og "
                               "musikk, og alle er velkomne til å komme innom når de vil.") != "sv"
    assert language.from_prose("Vi har ikke sett hverandre på lenge. Styret ble enige om å invitere noen "
                               "av de nye medlemmene, og etter møtet kan alle få mye mat.") == "nb"
    assert language.from_prose("Vi har ikke set hinanden længe. Bestyrelsen blev enige om at invitere "
                               "nogle af de nye medlemmer, og efter mødet havde alle meget mad.") == "da"
    assert language.from_prose("Hyvää huomenta! Kokous on tiistaina, ja se alkaa kello kymmenen. "
                               "Tervetuloa kaikki, jotka ovat kiinnostuneita, mutta ei ole pakko tulla, "
                               "jos on kiire. Kahvia on tarjolla, kun kokous alkaa, ja myös pullaa, "
                               "mutta se voi loppua jo ennen kuin tämä kokous on ohi.") == "fi"


def test_short_spanish_portuguese_dutch_texts() -> None:
    # ¿ and ¡ are Spanish's, ã and õ Portuguese's: three function words, more than any other's
    assert language.from_prose("¡Bienvenidos! ¿Te apasiona la programación? «Es una comunidad abierta», "
                               "dijo Miguel. El evento será a las 17 h.") == "es"
    assert language.from_prose("O ingresso não custa nada. Também há vagas, e isso é muito bom para quem "
                               "já se inscreveu na 2ª edição.") == "pt"
    # six Dutch function words, thrice any other language's
    assert language.from_prose("Het team werkt aan de profielservice, een dienst voor ondernemers. De "
                               "foto’s van de sessie staan online, maar de video is nog niet klaar.") == "nl"


def test_short_or_mixed_prose_says_nothing() -> None:
    assert language.from_prose("Merci à tous !") is None  # too few words to tell
    assert language.from_prose("") is None
    quoted = ENGLISH + " " + ENGLISH + " The minister said: « Nous ne sommes pas d’accord avec le texte. »"
    assert language.from_prose(quoted) == "en"  # a French quotation does not make it French


@pytest.mark.parametrize("path, lang", [
    ("content/posts/index.fr.md", "fr"), ("site/content/de/blog/post.md", "de"),
    ("content\\es\\news\\a.md", "es"), ("post.pt-br.md", "pt-br"),
    ("content/posts/a.md", None), ("blog/it/post.md", None),  # only Hugo's content/<lang>/ folder
    ("content/xx/a.md", None), ("notes.v2.md", None), (None, None),
])
def test_path_names_the_language_as_hugo_does(path: str | None, lang: str | None) -> None:
    assert language.from_path(path) == lang


def _doc(body: str, front: str = "title: T\n", path: str | None = None, default: str = "en") -> Document:
    return Document(f"---\n{front}---\n\n{body}\n", path, language=default)


def test_document_language_order() -> None:
    assert _doc(FRENCH).language == "fr"                            # the prose
    assert _doc(FRENCH, "title: T\nlang: de-CH\n").language_tag == "de-ch"  # the front matter first
    assert _doc("Merci à tous !", path="content/fr/a.md").language == "fr"  # the path for a short text
    assert _doc(ENGLISH, path="content/it/a.md").language == "en"    # an untranslated copy is English
    assert _doc("Merci !", default="fr").language == "fr"            # else the configured language
    assert _doc("Thanks!").language == "en"
    assert _doc(ENGLISH, default="de").language == "en"              # plain English is English


def test_language_known_says_whether_the_article_named_it() -> None:
    assert _doc(FRENCH).language_known                               # the prose
    assert _doc("Merci à tous !", path="content/fr/a.md").language_known  # the path
    assert not _doc("Merci !", default="fr").language_known          # the configured one only


def test_the_site_generators_config_names_the_language(tmp_path: Path) -> None:
    """Without ``language`` in newslint's config, Jekyll's ``lang`` or Hugo's
    ``defaultContentLanguage`` (then ``languageCode``) is the default for an article too short to
    tell; newslint's own setting wins, and a malformed file says nothing."""
    from newslint.config import load

    jekyll = tmp_path / "jekyll"
    (jekyll / "_posts").mkdir(parents=True)
    (jekyll / ".git").mkdir()
    (jekyll / "_config.yml").write_text("title: Mon site\nlang: fr-FR\n", encoding="utf-8")
    assert load(None, start=jekyll / "_posts").language == "fr-fr"
    hugo = jekyll / "sub"  # (a config file of newslint's: the search stops at its folder)
    (hugo / "content").mkdir(parents=True)
    (hugo / "newslint.toml").write_text("", encoding="utf-8")
    (hugo / "hugo.toml").write_text('languageCode = "de-de"\ndefaultContentLanguage = "de"\n', encoding="utf-8")
    assert load(None, start=hugo / "content").language == "de"
    (hugo / "hugo.toml").write_text("languageCode = [", encoding="utf-8")
    assert load(None, start=hugo / "content").language == "en"  # (not the Jekyll site's above it)
    (hugo / "newslint.toml").write_text('language = "it"\n', encoding="utf-8")
    assert load(None, start=hugo / "content").language == "it"


def test_declared_sections() -> None:
    text = ('<section data-lang="fr" class="x" markdown="1">\n\nQue faire ?\n\n<section lang="en-GB">'
            'Inner</section>\n\nFin ?\n</section>\n<div lang=de>Offen')
    secs = language.declared_sections(text)
    assert [(text[s:e].strip()[:9], lang) for s, e, lang in secs] == [
        ("Que faire", "fr"), ("Inner", "en"), ("Offen", "de")]  # nested; the last never closed
    at = language.Sections(secs).at
    assert at(text.index("Inner")) == "en"   # the innermost
    assert at(text.index("Fin")) == "fr"
    assert at(0) is None
    assert at(text.index("Offen")) == "de"
    assert language.declared_sections("<p>no language here</p>") == []


def test_a_passage_names_its_language_only_plainly() -> None:
    def lang(text: str) -> str | None:
        return language.passage_language(language.passage_counts(text))

    assert lang("P.S.: Have you been Stoffed yet?") == "en"
    assert lang("You’ve been Stoffed!") == "en"                       # you’ve: you, ve
    assert lang("Le conférencier a présenté « How to Build the Future » devant nous:") is None
    assert lang("la classe!") is None                                  # one word tells nothing
    assert lang("Really?") is None
    assert lang("Nous sommes allés au Symfony Live Paris en force cette année !") == "fr"


def test_short_notice_is_read_with_its_title_and_description() -> None:
    # two lines of French say nothing alone; the title and description, in French too, tell it
    body = "Pour ne rien manquer, abonnez : suivez le lien ci-dessous."
    assert _doc(body).language == "en"
    front = ('title: "Restez informés : abonnez-vous à notre lettre"\n'
             'description: "Toutes les nouvelles du projet, chaque mois, dans votre boîte aux lettres"\n')
    assert _doc(body, front).language == "fr"
    # the body decides first: an English article keeps English whatever its title says
    assert _doc(ENGLISH, front).language == "en"


def test_front_matter_may_name_the_language_in_words() -> None:
    for value, code in (("Español", "es"), ("Deutsch", "de"), ("French", "fr"), ("português", "pt"), ("en_US", "en")):
        doc = Document(f"---\ntitle: t\nlang: {value}\n---\n\nText.\n", "a.md")
        assert doc.language == code, value


def test_short_italian_notice_is_told_by_its_lone_e_grave() -> None:
    # (nine Italian function words against six French ones: too few to count, but "è" alone is Italian's)
    text = ("Il Linux Day 2019 – diciottesima giornata nazionale di GNU/Linux e del software libero, si terrà a "
            "Mottola il 26 ottobre 2019 presso la Sala comunale. L’organizzazione dell’evento é a cura del gruppo "
            "informale. Il check-in è alle 09:00. Lo start dell’evento é alle 09:30 e seguirá il programma.")
    assert language.from_prose(text) == "it"
    assert language.from_prose(text.replace(" è ", " a ")) is None
