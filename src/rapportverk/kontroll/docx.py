"""DOCX-delen av `rapport kontrollera`: alternativtext, rubriknivåer, tabellrubriker, språk och egenskaper.

Läser filen med python-docx; fynden har samma form som PDF-kontrollens (`kontroll.Fynd`).
"""

from __future__ import annotations

from pathlib import Path

from rapportverk.kontroll.fynd import Allvarlighet, Delkontroll, Fynd, Granskning


def granska_docx(fil: Path) -> Granskning:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(str(fil))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as fel:
        return Granskning(fil, "DOCX", fynd=(Fynd("fel", "DOCX", "DOCX-OLASBAR", f"filen går inte att läsa som "
                                                  f"DOCX ({fel})"),))
    granskare = _DocxGranskare(doc)
    granskare.kor()
    return Granskning(fil, "DOCX", (), tuple(granskare.delar), tuple(granskare.fynd))


def _rubriknivaer(doc) -> dict[str, int | None]:
    """styleId → dispositionsnivå 1–9 (w:outlineLvl + 1, ärvd via basedOn), None för brödtext."""
    from docx.oxml.ns import qn

    stilar = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
    ut: dict[str, int | None] = {}

    def niva(sid: str, varv: int = 0) -> int | None:
        if sid in ut:
            return ut[sid]
        s = stilar.get(sid)
        resultat = None
        if s is not None and varv < 20:
            lvl = s.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if lvl is not None:
                v = int(lvl.get(qn("w:val"), "9"))
                resultat = v + 1 if v < 9 else None
            else:
                bas = s.find(qn("w:basedOn"))
                resultat = niva(bas.get(qn("w:val")), varv + 1) if bas is not None else None
        ut[sid] = resultat
        return resultat

    for sid in stilar:
        niva(sid)
    return ut


class _DocxGranskare:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.fynd: list[Fynd] = []
        self.delar: list[Delkontroll] = []

    def _fel(self, regel: str, text: str, plats: str = "", antal: int = 1, allv: Allvarlighet = "fel") -> None:
        self.fynd.append(Fynd(allv, "DOCX", regel, text, plats, antal))

    def kor(self) -> None:
        self._bilder()
        self._rubriker()
        self._tabeller()
        self._sprak()
        self._egenskaper()
        self._tomma_stycken()

    def _delar_med_xml(self):
        """Huvuddokumentet och sidhuvuden/sidfötter (bilder kan stå i alla)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        yield self.doc.element
        for rel in self.doc.part.rels.values():
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
                yield rel.target_part.element

    def _bilder(self) -> None:
        from docx.oxml.ns import qn

        antal = saknas = 0
        for rot in self._delar_med_xml():
            for docpr in rot.iter(qn("wp:docPr")):
                antal += 1
                dekor = any(e.tag.endswith("}decorative") and e.get("val") in ("1", "true")
                            for e in docpr.iter())
                if not (docpr.get("descr") or "").strip() and not dekor:
                    saknas += 1
                    namn = docpr.get("name") or docpr.get("id") or "?"
                    self._fel("DOCX-ALT-TEXT", "Bilden saknar alternativtext. Högerklicka på bilden i Word, välj "
                              "'Redigera alternativtext' och skriv vad bilden visar (eller markera den som "
                              "dekorativ).", f"bild {antal}: {namn}")
        self.delar.append(Delkontroll("Alternativtext", f"{antal - saknas} av {antal} bilder har alternativtext",
                                      saknas == 0))

    def _stilniva(self, p) -> int | None:
        from docx.oxml.ns import qn

        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            lvl = ppr.find(qn("w:outlineLvl"))
            if lvl is not None:
                v = int(lvl.get(qn("w:val"), "9"))
                return v + 1 if v < 9 else None
            stil = ppr.find(qn("w:pStyle"))
            if stil is not None:
                return self._nivaer.get(stil.get(qn("w:val")))
        return self._nivaer.get(self._standardstil)

    def _rubriker(self) -> None:
        from docx.oxml.ns import qn

        self._nivaer = _rubriknivaer(self.doc)
        standard = next((s for s in self.doc.styles.element.findall(qn("w:style"))
                         if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")), None)
        self._standardstil = standard.get(qn("w:styleId")) if standard is not None else None
        forra, antal, hopp, falska = 0, 0, 0, 0
        for p in self.doc.element.body.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            niva = self._stilniva(p)
            if niva is None:
                if text and self._ser_ut_som_rubrik(p, text):
                    falska += 1
                    self._fel("DOCX-FALSK-RUBRIK", "Stycket ser ut som en rubrik (kort och helt i fetstil) men har "
                              "ingen rubrikstil: skärmläsare hittar det inte i rubriklistan. Använd Rubrik 1–3.",
                              f"'{text[:60]}'", allv="varning")
                continue
            if not text:
                continue  # tom rubrik utan text: räknas som tomt stycke nedan
            antal += 1
            if niva > forra + 1:
                hopp += 1
                self._fel("DOCX-RUBRIKNIVA", f"Rubriknivå {niva} direkt efter nivå {forra}: en nivå hoppas över. "
                          f"Använd Rubrik {forra + 1}.", f"'{text[:60]}'")
            forra = niva
        beskrivning = f"{antal} rubriker med rubrikstil, " + ("inga hoppade nivåer" if not hopp else
                                                                f"{hopp} hoppade nivåer")
        if antal == 0:
            self._fel("DOCX-RUBRIKER", "Dokumentet har inga rubriker med rubrikstil (Rubrik 1–3): skärmläsare kan "
                      "inte navigera i det.")
            beskrivning = "inga rubriker med rubrikstil"
        self.delar.append(Delkontroll("Rubriker", beskrivning, antal > 0 and not hopp))

    def _ser_ut_som_rubrik(self, p, text: str) -> bool:
        from docx.oxml.ns import qn

        if len(text) > 80 or text.endswith((".", ":")) or p.getparent().tag != qn("w:body"):
            return False
        korningar = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        if not korningar:
            return False
        for r in korningar:
            b = r.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if b is None or b.get(qn("w:val")) in ("0", "false"):
                return False
        return True

    def _tabeller(self) -> None:
        from docx.oxml.ns import qn

        tabeller = list(self.doc.element.body.iter(qn("w:tbl")))
        utan_huvud = utan_rubrik = 0
        for nr, tbl in enumerate(tabeller, start=1):
            caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
            namn = caption.get(qn("w:val")) if caption is not None else ""
            fore = tbl.getprevious()
            fore_text = "".join(t.text or "" for t in fore.iter(qn("w:t"))).strip() if fore is not None else ""
            plats = f"tabell {nr}" + (f": {namn or fore_text}"[:70] if (namn or fore_text) else "")
            forsta = tbl.find(qn("w:tr"))
            huvud = forsta.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") if forsta is not None else None
            if huvud is None or huvud.get(qn("w:val")) in ("0", "false"):
                utan_huvud += 1
                self._fel("DOCX-RUBRIKRAD", "Tabellens första rad är inte markerad som rubrikrad som upprepas "
                          "(Tabellegenskaper → Rad → 'Upprepa som rubrikrad överst på varje sida'): skärmläsare vet "
                          "då inte vilka celler som är kolumnrubriker.", plats)
            if not (namn or "").strip() and not self._bildtext_fore(fore, fore_text):
                utan_rubrik += 1
                self._fel("DOCX-TABELLRUBRIK", "Tabellen saknar tabellrubrik: ingen bildtext (stilen Beskrivning/"
                          "Caption) direkt före och ingen alternativ rubrik i tabellegenskaperna.", plats)
        self.delar.append(Delkontroll(
            "Tabeller", f"{len(tabeller)} tabeller; {len(tabeller) - utan_huvud} med rubrikrad som upprepas, "
            f"{len(tabeller) - utan_rubrik} med tabellrubrik", not utan_huvud and not utan_rubrik))

    def _bildtext_fore(self, fore, text: str) -> bool:
        """Är stycket före tabellen en tabellrubrik: stilen Caption/Beskrivning (eller en stil baserad på den), eller
        stilen Enhetsrad med en Caption före (rapportverks 'Belopp i miljoner kronor')?"""
        from docx.oxml.ns import qn

        for _ in range(2):
            if fore is None or fore.tag != qn("w:p"):
                return False
            stil = fore.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            sid = stil.get(qn("w:val")) if stil is not None else ""
            if self._ar_caption(sid) and text:
                return True
            if sid.lower() != "enhetsrad":
                return False
            fore = fore.getprevious()
            text = "".join(t.text or "" for t in fore.iter(qn("w:t"))).strip() if fore is not None else ""
        return False

    def _ar_caption(self, sid: str) -> bool:
        from docx.oxml.ns import qn

        stilar = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.findall(qn("w:style"))}
        for _ in range(10):
            s = stilar.get(sid)
            if s is None:
                return False
            namn = s.find(qn("w:name"))
            if (namn.get(qn("w:val")) if namn is not None else "").lower() in ("caption", "beskrivning"):
                return True
            bas = s.find(qn("w:basedOn"))
            if bas is None:
                return False
            sid = bas.get(qn("w:val"))
        return False

    def _sprak(self) -> None:
        from docx.oxml.ns import qn

        lang = self.doc.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        varde = lang.get(qn("w:val")) if lang is not None else None
        if not varde:
            self._fel("DOCX-SPRAK", "Dokumentet anger inget språk (docDefaults): skärmläsare och stavningskontroll "
                      "gissar. Välj Granska → Språk → Svenska (Sverige) för hela dokumentet.")
        elif not varde.lower().startswith("sv"):
            self._fel("DOCX-SPRAK", f"Dokumentets språk är {varde}, inte svenska (sv-SE).", allv="varning")
        self.delar.append(Delkontroll("Språk", varde or "saknas", bool(varde)))

    def _egenskaper(self) -> None:
        cp = self.doc.core_properties
        saknas = [namn for namn, varde in (("titel", cp.title), ("ämne", cp.subject), ("författare", cp.author))
                  if not (varde or "").strip()]
        for namn in saknas:
            self._fel("DOCX-EGENSKAPER", f"Dokumentegenskapen {namn} saknas (Arkiv → Information → Egenskaper); "
                      "titeln visas av hjälpmedel och i sökresultat.")
        self.delar.append(Delkontroll("Egenskaper", "titel, ämne och författare angivna" if not saknas else
                                      "saknar " + ", ".join(saknas), not saknas))

    def _tomma_stycken(self) -> None:
        from docx.oxml.ns import qn

        body = self.doc.element.body
        barn = list(body)
        tomma: list[str] = []
        for i, p in enumerate(barn):
            if p.tag != qn("w:p"):
                continue
            if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
                continue
            innehall = (qn("w:drawing"), qn("w:pict"), qn("w:object"), qn("w:fldChar"), qn("w:fldSimple"),
                        qn("w:sectPr"), qn("w:br"))
            if any(True for e in p.iter(*innehall)):
                continue  # bild, fält, sektionsslut eller sidbrytning: inte ett mellanrum
            efter_tabell = i > 0 and barn[i - 1].tag == qn("w:tbl")
            sist = all(b.tag == qn("w:sectPr") for b in barn[i + 1:])
            if efter_tabell and sist:
                continue  # Word kräver ett stycke efter en tabell sist i dokumentet
            fore = next((b for b in reversed(barn[:i]) if b.tag == qn("w:p") and
                         "".join(t.text or "" for t in b.iter(qn("w:t"))).strip()), None)
            tomma.append("".join(t.text or "" for t in fore.iter(qn("w:t"))).strip()[:50] if fore is not None
                         else "början")
        if tomma:
            self._fel("DOCX-TOMMA-STYCKEN", "Tomma stycken används som mellanrum: skärmläsare läser upp dem som "
                      "'tom'. Ta bort dem och använd avstånd före/efter i styckeformatet.",
                      f"första efter '{tomma[0]}'", len(tomma))
        self.delar.append(Delkontroll("Tomma stycken", "inga" if not tomma else f"{len(tomma)} st", not tomma))
