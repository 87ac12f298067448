"""Efterbehandling av PDF:ens strukturträd, som WeasyPrint 70 inte gör själv (DESIGN §9).

/Scope på tabellrubriker, en tabell över flera sidor som en tabell, upprepade rubrikrader, sidhuvud och sidfot
som artefakter, ett /IDTree, och XMP-metadata som PDF/A kräver.
"""

from __future__ import annotations

import pydyf
from weasyprint.formatting_structure import boxes

# XMP-tillägget som säger att filen också följer PDF/UA-1. PDF/A-2/3 kräver att scheman utanför standarden
# beskrivs i ett pdfaExtension-schema, annars underkänns metadata.
PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>\
</rdf:Description>
"""


def avsluta(pdfa: bool):
    """Efterbehandling av pydyf-objektet innan det skrivs (WeasyPrints `finisher`)."""

    def avsluta(document, pdf: pydyf.PDF) -> None:
        _satt_scope(document)
        upprepade = _sla_ihop_delade_tabeller(document, pdf)
        _losa_markeringar_som_artefakter(document, pdf, upprepade)
        _id_trad(pdf)
        _enkla_barn(pdf)
        if pdfa:
            _pdfa_metadata(pdf)

    return avsluta


def _satt_scope(document) -> None:
    """/Scope på tabellrubrikceller (PDF/UA, UA-15-003): WeasyPrint 70 läser `scope` men skriver det inte.

    WeasyPrint lägger strukturelementet för varje cell i `box.mark` när taggarna byggs; vi går igenom
    sidornas boxar och fyller på /A med /Scope /Column eller /Row efter HTML-attributet.
    """
    for sida in document.pages:
        stack = [sida._page_box]
        while stack:
            box = stack.pop()
            if box.element_tag == "th" and (element := getattr(box, "mark", None)) is not None:
                scope = box.element.attrib.get("scope")
                element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
            stack.extend(getattr(box, "children", ()))


def _nummer(referens) -> int:
    """Objektnumret i en pydyf-referens (b'12 0 R')."""
    return int((referens.decode() if isinstance(referens, bytes) else str(referens)).split()[0])


def _ar_referens(varde) -> bool:
    return isinstance(varde, bytes) and varde.endswith(b" R")


def _textboxar(box):
    """Textboxarna under `box` i den ordning WeasyPrints taggning går igenom dem (tags._build_box_tree)."""
    for barn in getattr(box, "children", ()):
        for b in barn.children if isinstance(barn, boxes.LineBox) else [barn]:
            if isinstance(b, boxes.TextBox):
                yield b
            else:
                yield from _textboxar(b)


def _barnlista(element) -> list:
    """En kopia av elementets barn (/K är ett barn, en lista eller inget)."""
    k = element.get("K")
    return list(k) if isinstance(k, list) else [] if k is None else [k]


def _sla_ihop_delade_tabeller(document, pdf: pydyf.PDF) -> dict[int, set[int]]:
    """En tabell som delas mellan sidor blir ett Table-element, inte ett per sida.

    WeasyPrint 70 bygger taggarna sida för sida: fortsättningen av en lång tabell blir en egen tabell utan
    tabellrubrik, med rubrikraderna en gång till. Här flyttas fortsättningens rader in i den första tabellens
    TBody, deras Headers pekar om till den första tabellens kolumnrubriker, och den upprepade rubrikraden lämnas
    utanför trädet (den blir en artefakt, som sidhuvudet). Returnerar {sidindex: MCID} för de upprepade
    rubrikraderna.
    """
    sidindex = {_nummer(ref): i for i, ref in enumerate(pdf.page_references)}
    delar: dict[object, list[int]] = {}  # HTML-tabellen -> Table-elementens objektnummer i sidordning
    for sida in document.pages:
        stack: list = [(sida._page_box, None)]
        while stack:
            box, tabell = stack.pop()
            if box.element_tag == "table":
                tabell = box.element  # samma HTML-element på varje sida som tabellen går över
            stack.extend((b, tabell) for b in reversed(getattr(box, "children", ())))
            if box.element_tag not in ("td", "th") or getattr(box, "mark", None) is None:
                continue
            rad = pdf.objects[_nummer(box.mark["P"])]
            grupp = pdf.objects[_nummer(rad["P"])]
            nummer = _nummer(grupp["P"])
            lista = delar.setdefault(tabell, [])
            if nummer not in lista:
                lista.append(nummer)
    upprepade: dict[int, set[int]] = {}
    for nummer in delar.values():
        if len(nummer) < 2:
            continue
        forsta = pdf.objects[nummer[0]]
        kropp = next((pdf.objects[_nummer(b)] for b in _barnlista(forsta) if _ar_referens(b)
                      and pdf.objects[_nummer(b)].get("S") == "/TBody"), None)
        for fortsattning in (pdf.objects[n] for n in nummer[1:]):
            omdopt: dict[str, pydyf.String] = {}
            for ref in _barnlista(fortsattning):
                del_ = pdf.objects[_nummer(ref)]
                if del_.get("S") == "/THead":
                    # Rubrikraden en gång till: utanför trädet; cellernas id pekar om till första tabellens.
                    stack = [ref]
                    while stack:
                        e = pdf.objects[_nummer(stack.pop())]
                        if "ID" in e:
                            gammalt = str(e["ID"].string)
                            omdopt[gammalt] = pydyf.String(f"{forsta.number}-{gammalt.split('-', 1)[1]}")
                        for b in _barnlista(e):
                            if _ar_referens(b):
                                stack.append(b)
                            elif isinstance(b, int):
                                upprepade.setdefault(sidindex[_nummer(e["Pg"])], set()).add(b)
                    continue
                if del_.get("S") == "/TBody":
                    for rad in _barnlista(del_):
                        for cell in _barnlista(pdf.objects[_nummer(rad)]):
                            a = pdf.objects[_nummer(cell)].get("A", {})
                            if "Headers" in a:
                                a["Headers"] = pydyf.Array(omdopt.get(str(h.string), h) for h in a["Headers"])
                if del_.get("S") == "/TBody" and kropp is not None:
                    for rad in _barnlista(del_):
                        pdf.objects[_nummer(rad)]["P"] = kropp.reference
                        _barnlista_lagg_till(kropp, rad)
                else:
                    del_["P"] = forsta.reference
                    _barnlista_lagg_till(forsta, ref)
                    if del_.get("S") == "/TBody":
                        kropp = del_
            _ta_bort_ur_foralder(pdf, fortsattning)
    return upprepade


def _barnlista_lagg_till(element, ref) -> None:
    k = element.get("K")
    if isinstance(k, list):
        k.append(ref)
    else:
        element["K"] = pydyf.Array(([] if k is None else [k]) + [ref])


def _ta_bort_ur_foralder(pdf: pydyf.PDF, element) -> None:
    """Ta bort elementet ur sin förälders /K; blir föräldern tom (t.ex. tabellens Div) tas den också bort."""
    foralder = pdf.objects[_nummer(element["P"])]
    k = foralder.get("K")
    if isinstance(k, list):
        k[:] = [b for b in k if not (_ar_referens(b) and _nummer(b) == element.number)]
    if foralder.get("Type") == "/StructElem" and not _barnlista(foralder):
        _ta_bort_ur_foralder(pdf, foralder)


def _id_trad(pdf: pydyf.PDF) -> None:
    """/IDTree i strukturträdets rot: krävs när element har /ID (tabellrubrikerna som cellernas /Headers pekar på),
    men WeasyPrint 70 skriver det inte. Ett namnträd med en nivå, sorterat på id."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    rot = pdf.objects[_nummer(pdf.catalog["StructTreeRoot"])]
    nas: set[int] = set()
    stack = _barnlista(rot)
    poster = []
    while stack:
        ref = stack.pop()
        if not _ar_referens(ref) or _nummer(ref) in nas:
            continue
        nas.add(_nummer(ref))
        e = pdf.objects[_nummer(ref)]
        if isinstance(e, dict):
            if "ID" in e:
                poster.append((str(e["ID"].string), e.reference))
            stack.extend(_barnlista(e))
    if poster:
        namn = pydyf.Array()
        for id_, ref in sorted(poster):
            namn.extend((pydyf.String(id_), ref))
        rot["IDTree"] = pydyf.Dictionary({"Names": namn})


def _losa_markeringar_som_artefakter(document, pdf: pydyf.PDF, upprepade: dict[int, set[int]]) -> None:
    """Markerat innehåll utanför strukturträdet blir artefakter (/Artifact /Pagination), inte taggat innehåll.

    WeasyPrint 70 märker texten i sidmarginalerna med MCID och bygger strukturelement för den, men hänger inte in
    dem i strukturträdet (tags.py: 'It could be included in tree as Artifact, but that's only allowed in PDF 2.0').
    Texten är då varken innehåll eller artefakt. Detsamma gäller en upprepad tabellrubrik som
    `_sla_ihop_delade_tabeller` lyft ur trädet (`upprepade`). Varje sådan markering blir en artefakt i sidans
    innehållsström, och dess plats i /ParentTree töms. Vilka MCID det gäller avgörs av trädet: de vars
    strukturelement inte nås från dokumentroten. Löpande sidhuvud och sidfot får /Subtype efter marginalrutan
    (@top-… eller @bottom-…).
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    rot = pdf.objects[_nummer(pdf.catalog["StructTreeRoot"])]
    nas: set[int] = set()
    stack = [rot["K"]]
    while stack:
        k = stack.pop()
        if _ar_referens(k):
            n = _nummer(k)
            if n not in nas:
                nas.add(n)
                barn = pdf.objects[n]
                if isinstance(barn, dict) and "K" in barn:
                    stack.append(barn["K"])
        elif isinstance(k, list):
            stack.extend(k)
    nums = pdf.objects[_nummer(rot["ParentTree"])]["Nums"]
    for i in range(0, len(nums), 2):
        sidnr, mcid_ref = nums[i], nums[i + 1]
        if not isinstance(mcid_ref, list) or sidnr >= len(document.pages):
            continue
        losa = {m for m, ref in enumerate(mcid_ref) if _ar_referens(ref) and _nummer(ref) not in nas}
        if not losa:
            continue
        # Marginalrutornas strukturelement skapades i trädordning, samma ordning som rutornas textboxar.
        marginal = sorted(losa - upprepade.get(sidnr, set()), key=lambda m: _nummer(mcid_ref[m]))
        rutor = [ruta.at_keyword for ruta in document.pages[sidnr]._page_box.children
                 if isinstance(ruta, boxes.MarginBox) for _ in _textboxar(ruta)]
        slag = {m: ("/Header" if r.startswith("@top") else "/Footer" if r.startswith("@bottom") else None)
                for m, r in zip(marginal, rutor, strict=False)} if len(rutor) == len(marginal) else {}
        sida = pdf.objects[_nummer(pdf.page_references[sidnr])]
        strom = pdf.objects[_nummer(sida["Contents"])].stream
        hittade = set()
        for j in range(1, len(strom) - 1):
            egenskaper = strom[j]
            if isinstance(egenskaper, dict) and egenskaper.get("MCID") in losa and strom[j + 1] == b"BDC":
                mcid = egenskaper["MCID"]
                artefakt = pydyf.Dictionary({"Type": "/Pagination"})
                if slag.get(mcid):
                    artefakt["Subtype"] = slag[mcid]
                strom[j - 1], strom[j] = "/Artifact", artefakt
                hittade.add(mcid)
        for mcid in hittade:
            mcid_ref[mcid] = "null"


def _enkla_barn(pdf: pydyf.PDF) -> None:
    """/K med ett enda barn skrivs som barnet självt, inte som en lista med ett element (båda är giltiga).

    Mindre fil, och pdfua 0.1.3 kan då kontrollera att rubriker inte är tomma (regel UA-14-001 kraschar med
    pikepdf 10 på varje /K som är en lista och hoppas annars över).
    """
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") in ("/StructElem", "/StructTreeRoot"):
            k = obj.get("K")
            if isinstance(k, list) and len(k) == 1:
                obj["K"] = k[0]


def _pdfa_metadata(pdf: pydyf.PDF) -> None:
    """Okomprimerad XMP (PDF/A förbjuder filter på metadataströmmen) som också anger PDF/UA-1."""
    referens = pdf.catalog["Metadata"]  # b'530 0 R'
    nummer = int((referens.decode() if isinstance(referens, bytes) else str(referens)).split()[0])
    strom = pdf.objects[nummer]
    innehall = b"".join(s if isinstance(s, bytes) else str(s).encode() for s in strom.stream)
    slut = b"</rdf:RDF>"
    if b"pdfuaid" not in innehall:
        innehall = innehall.replace(slut, PDFUA_XMP + slut, 1)
    strom.stream = [innehall]
    strom.compress = False
