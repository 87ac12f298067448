"""PDF-delen av `rapport kontrollera`: page-validation (PDF/UA-1 och filens PDF/A-profil) och pdfua, med
svenska meddelanden."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rapportverk.kontroll.fynd import Allvarlighet, Delkontroll, Fynd, Granskning

PAGE_PDFA = {"1a", "1b", "2a", "2b", "2u", "3a", "3b", "3u"}  # de PDF/A-profiler page-validation kan

# page-validations regler (id utan profilprefix och löpnummer) → svensk förklaring och vad man gör åt det.
# Nycklar prövas som exakt id först, sedan som början av id:t (längsta först).
_PDFUA_TEXTER = {
    "TAGGED-DOCUMENT": "PDF:en är inte taggad (MarkInfo /Marked saknas). Skärmläsare får då varken rubriker, "
                       "tabeller, listor eller läsordning. Bygg PDF:en med rapport delar, eller exportera från Word "
                       "med 'Dokumentstrukturtaggar för hjälpmedel' påslaget.",
    "STRUCT-TREE-ROOT": "PDF:en saknar strukturträd: rubriker, tabeller, listor och bildbeskrivningar når inte "
                        "skärmläsare.",
    "CONTENT-TAGGING": "Innehåll på sidan är varken taggat eller markerat som dekor (artefakt): skärmläsare hoppar "
                       "över det eller läser det i fel ordning.",
    "TAGGED-CONTENT-INSIDE-ARTIFACT": "Taggat innehåll ligger inuti en artefakt (dekor) och läses inte upp.",
    "ARTIFACT-NESTED": "En artefakt (dekor) ligger inuti taggat innehåll.",
    "FIGURE-ALTERNATIVE-TEXT": "En bild saknar alternativtext (/Alt). Skriv en kort text som säger vad bilden visar.",
    "FORMULA-ALTERNATIVE-TEXT": "En formel saknar alternativtext.",
    "HEADING-NESTING": "Rubriknivåer hoppas över (t.ex. rubrik 3 direkt under rubrik 1). Skärmläsare navigerar "
                       "efter nivåerna; använd nästa nivå i ordning.",
    "HEADING": "Rubrikerna är inte korrekt taggade.",
    "METADATA-TITLE": "Dokumentet saknar titel i metadata (dc:title). Ange en titel.",
    "METADATA-STRUCTURE": "XMP-metadata saknas eller är felaktig.",
    "METADATA-LANGUAGE": "Språket i metadata är felaktigt.",
    "VIEWER-PREFERENCES": "Visaren ombeds inte visa dokumentets titel (DisplayDocTitle): fönstret visar då "
                          "filnamnet i stället för titeln.",
    "ID-PART": "Filen anger inte att den följer PDF/UA-1 (pdfuaid:part i XMP-metadata). Word och de flesta program "
               "skriver inte den uppgiften; bygg PDF:en med rapport delar, eller låt ett verktyg för PDF/UA "
               "kontrollera filen och ange den.",
    "ID-SCHEMA": "Filen anger inte att den följer PDF/UA-1 (identifieringsschemat för PDF/UA saknas i XMP).",
    "ID": "PDF/UA-identifieringen i XMP-metadata är felaktig.",
    "LANGUAGE-TAG": "Dokumentets språk (/Lang) är ogiltigt; det ska vara t.ex. sv-SE.",
    "TEXT-LANGUAGE": "Dokumentets språk saknas (/Lang, t.ex. sv-SE): skärmläsare läser då med fel uttal.",
    "OUTLINE-LANGUAGE": "Bokmärkena saknar språk.",
    "ALT-TEXT-LANGUAGE": "Alternativtexten saknar språk (dokumentet anger inget /Lang).",
    "ACTUAL-TEXT-LANGUAGE": "Ersättningstext saknar språk.",
    "SPAN": "Text i ett Span-element saknar språk.",
    "E-TEXT": "Förkortningens utskrivna form saknar språk.",
    "LINK-LINK-TAG": "En länk ligger inte i en Link-tagg i strukturträdet, så skärmläsare hittar den inte.",
    "LINK-CONTENTS": "En länk saknar beskrivning (/Contents).",
    "ANNOTATION": "En annotering (kommentar, länk, fält) saknar tagg eller beskrivning.",
    "PAGE-TABS": "En sida med länkar eller fält saknar tabbordning efter strukturen (/Tabs /S).",
    "TABLE-HEADERS": "Tabellrubriker saknar koppling till sina värdeceller (Scope eller Headers).",
    "TABLE-CAPTION": "Tabellrubriken (Caption) står på fel plats i tabellen.",
    "TABLE": "Tabellens struktur är oregelbunden: rader, kolumner och sammanslagna celler stämmer inte.",
    "TH-PARENT": "En rubrikcell ligger utanför en tabellrad.",
    "TD-PARENT": "En värdecell ligger utanför en tabellrad.",
    "TR": "En tabellrad ligger fel i tabellens struktur.",
    "THEAD": "Tabellens rubrikdel ligger fel.",
    "TBODY": "Tabellens kropp ligger fel.",
    "TFOOT": "Tabellens fotdel ligger fel.",
    "L-": "En lista är felaktigt taggad (punkter ska vara LI med Lbl och LBody).",
    "LI-": "En listpunkt är felaktigt taggad.",
    "LBODY": "En listpunkts text ligger fel.",
    "TOC": "Innehållsförteckningen är felaktigt taggad.",
    "NOTE": "Fotnoter saknar unika id.",
    "FONT": "Ett typsnitt är inte inbäddat eller saknar tecken eller Unicode-koppling: texten kan visas eller "
            "läsas upp fel.",
    "TRUETYPE": "Ett typsnitts teckenkodning är felaktig.",
    "CID": "Ett typsnitt (CID) saknar uppgifter som krävs.",
    "CMAP": "Ett typsnitts teckenkarta är felaktig.",
    "NOTDEF": "Texten använder tecken som typsnittet saknar.",
    "TYPE0": "Ett typsnitt (Type 0) saknar uppgifter som krävs.",
    "STRUCT-TREE-ROLE-MAP": "Egna taggnamn i strukturträdet saknar koppling till standardtaggar.",
    "STRUCT": "Strukturträdet är felaktigt.",
    "FORM": "Ett formulärfält saknar tagg eller beskrivning.",
    "WIDGET": "Ett formulärfält saknar tagg.",
    "ENCRYPTION": "Krypteringen hindrar hjälpmedel från att läsa texten.",
    "SUSPECTS": "Programmet som skapade filen har märkt taggningen som osäker (Suspects).",
    "HEADER": "Filen börjar inte med ett giltigt PDF-huvud.",
    "DYNAMIC-XFA": "Filen är ett dynamiskt XFA-formulär, som inte kan vara tillgängligt.",
    "MEDIA": "Ett mediaklipp saknar beskrivning.",
    "OPTIONAL-CONTENT": "Ett lager (optional content) saknar namn.",
    "FILE-SPEC": "En bifogad fil saknar filnamn.",
    "PRINTER-MARK": "Skrivarmärken är inte artefakter.",
    "TRAPNET": "Filen har en trap-annotering, som PDF/UA förbjuder.",
}

_PDFA_TEXTER = {
    "DEVICE-RGB": "Färger anges i enhetsberoende RGB utan färgprofil: PDF/A kräver en utdataprofil (OutputIntent), "
                  "t.ex. sRGB.",
    "DEVICE": "Färger anges i en enhetsberoende färgrymd utan färgprofil.",
    "IMAGE-INTERPOLATE": "En bild har /Interpolate (utjämning), som PDF/A förbjuder.",
    "METADATA-FILTER": "XMP-metadata är komprimerad, vilket PDF/A förbjuder.",
    "ID-PART": "PDF/A-identifieringen (pdfaid:part) saknas eller stämmer inte med profilen.",
    "ID-CONFORMANCE": "PDF/A-nivån (pdfaid:conformance) stämmer inte med profilen.",
    "ID": "PDF/A-identifieringen i XMP-metadata är felaktig.",
    "XMP": "XMP-metadata följer inte PDF/A (egna egenskaper måste beskrivas i ett extension-schema).",
    "METADATA": "Metadata i filen följer inte PDF/A (XMP och dokumentinformation måste stämma överens).",
    "TRANSPARENCY": "Genomskinlighet används utan färgrymd för gruppen.",
    "ANNOTATION-FLAGS": "Annoteringar (länkar) saknar utskriftsflagga.",
    "ANNOTATION": "En annotering är inte tillåten i PDF/A eller saknar utseende.",
    "STREAM-LENGTH": "En ström i filen har fel längduppgift (/Length).",
    "STREAM": "En ström i filen är felaktig.",
    "FONT": "Ett typsnitt är inte inbäddat eller saknar tecken: PDF/A kräver att alla typsnitt är inbäddade.",
    "ENCRYPT": "Filen är krypterad; PDF/A tillåter inte kryptering.",
    "JAVASCRIPT": "Filen innehåller JavaScript, som PDF/A förbjuder.",
    "ACTION": "Filen innehåller åtgärder (actions) som PDF/A förbjuder.",
    "EMBEDDED": "Filen har bilagor som inte är tillåtna i den här PDF/A-versionen.",
    "FILE-SPEC": "Filen har bilagor som inte är tillåtna i den här PDF/A-versionen.",
    "OUTPUT-INTENT": "Utdataprofilen (OutputIntent) saknas eller är felaktig.",
    "ICC": "En färgprofil (ICC) är felaktig.",
    "UNICODE": "Text saknar Unicode-koppling, så den går inte att söka i eller kopiera (krävs för nivå u).",
}

_PDFUA_VERKTYG = {  # pdfuas tolv regler (pdfua 0.1.3)
    "UA-01-005": "PDF:en saknar strukturträd (den är inte taggad): skärmläsare får varken rubriker, tabeller eller "
                 "läsordning.",
    "UA-01-002": "PDF:en anger inte att den är taggad (MarkInfo /Marked saknas).",
    "UA-01-003": "Innehåll på sidan är varken taggat eller markerat som dekor (artefakt).",
    "UA-06-001": "Dokumentets språk saknas (/Lang, t.ex. sv-SE).",
    "UA-13-004": "En bild saknar alternativtext.",
    "UA-15-003": "Tabellens struktur går inte att avgöra: rubrikceller saknar Scope eller Headers.",
    "UA-18-005": "En länk saknar beskrivning (/Contents eller taggad Link med alternativtext).",
    "UA-18-001": "En annotering saknar beskrivning.",
    "UA-14-001": "En rubrik är tom.",
    "UA-07-001": "Dokumentet saknar titel.",
    "UA-07-002": "Visaren ombeds inte visa dokumentets titel (DisplayDocTitle).",
    "UA-28-004": "Filen anger inte att den följer PDF/UA-1 (pdfuaid i XMP-metadata).",
}


def _svensk_text(regel: str, meddelande: str) -> str:
    """Svensk förklaring av en regel i page-validation; okända regler får verktygets engelska text."""
    m = re.match(r"^(PDFUA1|PDFA\d[ABU])-(.*?)(-\d{3})?$", regel)
    nyckel = m.group(2) if m else regel
    texter = _PDFUA_TEXTER if regel.startswith("PDFUA1") else _PDFA_TEXTER
    if nyckel in texter:
        return texter[nyckel]
    for prefix in sorted(texter, key=len, reverse=True):
        if nyckel.startswith(prefix):
            return texter[prefix]
    return f"Regeln är inte uppfylld (verktygets beskrivning: {meddelande})"


# Grundfelen först: utan taggar, språk eller titel är resten följdfel.
_FORST = ("TAGGED-DOCUMENT", "STRUCT-TREE-ROOT", "TEXT-LANGUAGE", "METADATA-TITLE", "FIGURE-ALTERNATIVE-TEXT",
          "HEADING-NESTING")


def _forst(regel: str) -> int:
    return next((i for i, nyckel in enumerate(_FORST) if nyckel in regel), len(_FORST))


def _plats(meddelande: str) -> str:
    m = re.search(r"\bpage (\d+)", meddelande)
    return f"sida {m.group(1)}" if m else ""


@dataclass(frozen=True)
class _PdfAnger:
    pdfa: str | None  # "2u"
    pdfua: str | None  # "1"


def _las_anger(fil: Path) -> _PdfAnger:
    import pikepdf

    with pikepdf.open(fil) as pdf:
        try:
            with pdf.open_metadata() as xmp:
                del_, niva, ua = xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"), xmp.get("pdfuaid:part")
        except Exception:  # trasig XMP: då anger filen inget (page-validation säger vad som är fel)
            return _PdfAnger(None, None)
    return _PdfAnger(f"{del_}{(niva or '').lower()}" if del_ else None, str(ua) if ua else None)


def granska_pdf(fil: Path) -> Granskning:
    try:
        import page
        import pdfua
        import pikepdf
    except ImportError as fel:
        return Granskning(fil, "PDF", fynd=(Fynd("fel", "verktyg", "VERKTYG-SAKNAS",
                                                 f"kontrollverktyget {fel.name} är inte installerat (pip install "
                                                 "page-validation pdfua pikepdf)"),))
    try:
        anger = _las_anger(fil)
    except pikepdf.PasswordError:
        return Granskning(fil, "PDF", fynd=(Fynd("fel", "PDF", "PDF-KRYPTERAD", "PDF:en är lösenordsskyddad och kan "
                                                 "inte kontrolleras (och inte läsas av hjälpmedel)"),))
    except pikepdf.PdfError as fel:
        return Granskning(fil, "PDF", fynd=(Fynd("fel", "PDF", "PDF-OLASBAR", f"filen går inte att läsa som PDF "
                                                 f"({fel})"),))
    anspraak = ([f"PDF/UA-{anger.pdfua}"] if anger.pdfua else []) + ([f"PDF/A-{anger.pdfa}"] if anger.pdfa else [])
    delar: list[Delkontroll] = []
    fynd: list[Fynd] = []
    data = fil.read_bytes()
    profiler = [("ua1", "PDF/UA-1")]
    if anger.pdfa:
        profiler.append((anger.pdfa, f"PDF/A-{anger.pdfa}"))
    for profil, namn in profiler:
        kontroll = f"{namn} (page-validation)"
        if profil not in PAGE_PDFA and profil != "ua1":
            fynd.append(Fynd("varning", kontroll, "PDFA-PROFIL", f"filen anger {namn}, som inte kan kontrolleras "
                             "här (page-validation kan PDF/A-1a/b, 2a/b/u och 3a/b/u)"))
            delar.append(Delkontroll(kontroll, "kan inte kontrolleras", False))
            continue
        try:
            rapport = page.validate_pdf_bytes(data, profile=profil)
        except page.PageError as fel:
            fynd.append(Fynd("fel", kontroll, "PAGE-FEL", f"filen kunde inte kontrolleras ({fel})"))
            delar.append(Delkontroll(kontroll, "kunde inte kontrolleras", False))
            continue
        per_regel: dict[str, list] = {}
        for f in rapport.failures:
            per_regel.setdefault(f.rule_id, []).append(f)
        for regel, lista in sorted(per_regel.items(), key=lambda p: _forst(p[0])):
            forsta = lista[0].message
            fynd.append(Fynd("fel", kontroll, regel, _svensk_text(regel, forsta), _plats(forsta), len(lista)))
        delar.append(Delkontroll(kontroll, f"{rapport.rules.failed} av {rapport.rules.total} regler underkända",
                                 rapport.rules.failed == 0))
    if not anger.pdfa:
        delar.append(Delkontroll("PDF/A", "filen anger inte PDF/A (arkivexemplar byggs med --pdfa)", True))
    # pdfua
    kontroll = "PDF/UA-1 (pdfua)"
    try:
        with _pdfua_med_pikepdf10():
            rapport_ua = pdfua.validate(str(fil))
    except pdfua.PdfuaError as fel:
        fynd.append(Fynd("fel", kontroll, "PDFUA-FEL", f"filen kunde inte kontrolleras ({fel})"))
        delar.append(Delkontroll(kontroll, "kunde inte kontrolleras", False))
    else:
        per_regel_ua: dict[str, list] = {}
        for f in rapport_ua.findings:
            per_regel_ua.setdefault(f.rule_id, []).append(f)
        antal_fel = antal_varn = 0
        for regel, lista in per_regel_ua.items():
            f = lista[0]
            allv: Allvarlighet = "fel" if f.severity >= pdfua.Severity.WARNING else "varning"
            if f.severity >= pdfua.Severity.ERROR:
                antal_fel += len(lista)
            elif f.severity >= pdfua.Severity.WARNING:
                antal_varn += len(lista)
            plats = f"sida {f.location.page}" if f.location.page else ""
            text = _PDFUA_VERKTYG.get(regel, f"Regeln är inte uppfylld (verktygets beskrivning: {f.message})")
            fynd.append(Fynd(allv, kontroll, regel, text, plats, len(lista)))
        for utfall in rapport_ua.skipped:
            fynd.append(Fynd("varning", kontroll, utfall.rule_id, f"regeln kunde inte köras ({utfall.skipped_reason})"))
        korda = len(rapport_ua.outcomes) - len(rapport_ua.skipped)
        delar.append(Delkontroll(kontroll, f"{antal_fel} fel, {antal_varn} varningar ({korda} regler körda, "
                                 "den maskinkontrollerbara delen av PDF/UA-1)", not antal_fel and not antal_varn))
    return Granskning(fil, "PDF", tuple(anspraak), tuple(delar), tuple(fynd))


@contextlib.contextmanager
def _pdfua_med_pikepdf10() -> Iterator[None]:
    """pdfua 0.1.3 läser tal med `getattr(värde, 'is_integer')`, som pikepdf 10 besvarar med ValueError för en
    lista: regeln UA-14-001 (tomma rubriker) kraschar då och hoppas över för varje rubrik vars /K är en lista. Under
    kontrollen behandlas det som 'inget tal', vilket är vad pdfua menar."""
    from pdfua import document
    from pdfua.rules import structure

    original = document.as_integer

    def som_tal(varde: object) -> int | None:
        try:
            return original(varde)
        except ValueError:
            return None

    document.as_integer = structure.as_integer = som_tal  # type: ignore[assignment]
    try:
        yield
    finally:
        document.as_integer = structure.as_integer = original  # type: ignore[assignment]


# --- Sammanfattning och kommando ---------------------------------------------------------------------------
