"""PDF-processen (rendera.pdfprocess): samma byte som i bygget, felen som i bygget, och bygget klarar sig utan den."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dokumentprov import provdokument

from rapportverk import resurser
from rapportverk.dokument.modell import Dokument, Meta, Stycke, Text
from rapportverk.fel import RapportverkFel
from rapportverk.rendera import pdfprocess
from rapportverk.rendera.html import html_for
from rapportverk.rendera.pdf import rendera_pdf

ROT = Path(__file__).resolve().parents[1]
CSS = resurser.fil(resurser.STILMALL)


def test_samma_pdf_och_sidnummer_i_processen_som_i_bygget():
    dok = provdokument(2)
    har = rendera_pdf(dok, CSS, ROT)
    with pdfprocess.startad() as process:
        assert process is not None
        dar = pdfprocess.rendera_pdf(dok, CSS, ROT)
        igen = pdfprocess.rendera_pdf(dok, CSS, ROT, pdfa=True)  # samma process gör flera
        assert process.svar_fran_processen == 2  # processen gjorde dem, inte reservvägen i bygget
    assert dar == har and dar.sidnummer and dar.antal_sidor == har.antal_sidor
    assert igen == rendera_pdf(dok, CSS, ROT, pdfa=True)


def test_ett_fel_i_processen_kommer_fram_som_i_bygget(tmp_path):
    css = tmp_path / "stil.css"
    css.write_text(CSS.read_text(encoding="utf-8") + "\nbody { background: url(file:///etc/passwd); }\n",
                   encoding="utf-8")
    dok = Dokument(Meta("Prov", "Region Prov"), (Stycke((Text("x"),)),))
    with pdfprocess.startad() as process:
        assert process is not None
        with pytest.raises(RapportverkFel, match=re.escape("file:///etc/passwd")) as fel:
            pdfprocess.rendera_pdf(dok, css, tmp_path)
        assert process.svar_fran_processen == 1
        # Ett programfel i processen: ett internt fel med processens traceback, och processen tar nästa beställning.
        med_rubriker = provdokument(1)  # rubrikernas ankare jämförs med rubrik_ids, som här är None
        html = html_for(med_rubriker, CSS, ROT)
        assert process.skicka(html, CSS, ROT, False, None, None)  # type: ignore[arg-type]
        with pytest.raises(pdfprocess.Pdfprocessfel, match="TypeError") as internt:
            process.svar()
        assert "Traceback" in internt.value.detaljer and "pdf_ur_html" in internt.value.detaljer
        assert pdfprocess.rendera_pdf(dok, CSS, ROT) == rendera_pdf(dok, CSS, ROT)
        assert process.svar_fran_processen == 3
    assert str(css) in str(fel.value.fel[0])


def test_dor_processen_gors_pdfen_i_bygget():
    dok = provdokument(1)
    with pdfprocess.startad() as process:
        assert process is not None and process._process is not None
        process._process.kill()
        process._process.wait()
        assert pdfprocess.rendera_pdf(dok, CSS, ROT) == rendera_pdf(dok, CSS, ROT)


def test_bygget_laser_inte_in_weasyprint_nar_processen_gor_pdfen(tmp_path):
    """Hela vinsten: bygget bygger dokumentet medan processen läser in WeasyPrint, och läser aldrig in det själv."""
    skript = ("import sys\nfrom pathlib import Path\nfrom rapportverk.bygg.bygge import bygg\n"
              "from rapportverk.underlag.tabeller import ladda_projekt\n"
              f"projekt = ladda_projekt({str(ROT / 'konfig' / 'rapportverk.yaml')!r})\n"
              "r = bygg(projekt, 'delarsrapport', '2021-04', namnder=['revisionen'], format=('pdf',), "
              "ut=Path(sys.argv[1]), kommando=['rapport'])\n"
              "assert [x.namnd for x in r.lyckade] == ['revisionen'], r.resultat\n"
              "print('weasyprint' in sys.modules)\n")
    svar = subprocess.run([sys.executable, "-c", skript, str(tmp_path)], capture_output=True, text=True, cwd=ROT)
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout.strip() == "False"
    assert (tmp_path / "2021-04" / "delarsrapport-revisionen-2021-04.pdf").read_bytes().startswith(b"%PDF-")


def test_docx_byggs_medan_pdfen_laggs_ut_och_far_sidnumren_sist():
    """bestall_pdf ger tillbaka genast; DOCX-filen byggd under tiden och avslutad med PDF:ens sidnummer är samma
    byte som när PDF:en gjordes först. Nästa beställning till samma process får sitt eget svar."""
    from rapportverk.rendera.docx import bygg_docx, docx_bytes

    mall = resurser.fil(resurser.WORDMALL)
    dok, annan = provdokument(2), provdokument(1)
    fore = rendera_pdf(dok, CSS, ROT)
    with pdfprocess.startad() as process:
        assert process is not None
        vanta = pdfprocess.bestall_pdf(dok, CSS, ROT)
        utkast = bygg_docx(dok, mall)
        pdf = vanta()
        assert pdfprocess.rendera_pdf(annan, CSS, ROT) == rendera_pdf(annan, CSS, ROT)
        assert process.svar_fran_processen == 2
    assert pdf == fore and pdf.sidnummer
    assert utkast.som_bytes(pdf.sidnummer) == docx_bytes(dok, mall, fore.sidnummer)


# --- PDF-processen startad i förväg (rapportverk.start) ------------------------------------------------------

@pytest.mark.parametrize(("argv", "vantat"), [
    (["delar", "--period", "2024-08"], True),
    (["--konfig", "k.yaml", "--debug", "manad", "--period", "2024-10", "--namnd", "revisionen"], True),
    (["--konfig", "delar", "kolla"], False),  # konfigurationsfilen heter delar; kommandot är kolla
    (["bygg", "indikatorer", "--period", "2024"], True),
    (["bygg", "--lista"], False),
    (["delar", "--help"], False),
    (["forklara", "--period", "2024-08"], False),
    (["--version"], False),
    ([], False),
])
def test_kommandoraden_gissar_bygge_ur_argumenten(argv, vantat):
    from rapportverk.start import bygger

    assert bygger(argv) is vantat


def test_gissningen_foljer_kommandoradens_kommandon_och_flaggor():
    """start.py gissar utan att läsa in kommandoraden, så den har egna listor: de ska stämma med typer-appen (en
    ny global flagga med värde, eller ett byggkommando som bytt namn, gjorde annars gissningen fel utan att något
    syntes)."""
    from typer.main import get_command

    import rapportverk.cli
    from rapportverk import start

    app = get_command(rapportverk.cli.app)
    med_varde = {o for p in app.params if not getattr(p, "is_flag", False) for o in (*p.opts, *p.secondary_opts)}
    assert med_varde == start._MED_VARDE
    assert set(app.commands) >= start.BYGGKOMMANDON  # type: ignore[attr-defined]


def _lever(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return status != "Z"


def test_processen_som_startats_i_forvag_tas_av_bygget():
    from rapportverk import barnprocess

    barnprocess.forstarta("rapportverk.rendera.pdfprocess")
    pid = barnprocess._FORSTARTADE["rapportverk.rendera.pdfprocess"]._process.pid
    dok = provdokument(1)
    with pdfprocess.startad() as process:
        assert process is not None and process._process.pid == pid
        assert pdfprocess.rendera_pdf(dok, CSS, ROT) == rendera_pdf(dok, CSS, ROT)
        assert process.svar_fran_processen == 1
    assert not barnprocess._FORSTARTADE


def test_processen_som_startats_i_forvag_stangs_nar_arbetsprocesser_bygger(tmp_path):
    """Två nämnder med --jobb 2: arbetsprocesserna gör PDF:erna, och den förstartade processen stängs genast."""
    from rapportverk import barnprocess
    from rapportverk.bygg.bygge import bygg
    from rapportverk.underlag.tabeller import ladda_projekt

    barnprocess.forstarta("rapportverk.rendera.pdfprocess")
    pid = barnprocess._FORSTARTADE["rapportverk.rendera.pdfprocess"]._process.pid
    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    r = bygg(projekt, "delarsrapport", "2021-04", namnder=["revisionen", "patientnamnden"], format=("pdf",),
             ut=tmp_path, jobb=2, kommando=["rapport"])
    assert len(r.lyckade) == 2
    assert not barnprocess._FORSTARTADE and not _lever(pid)


def test_en_oanvand_forstartad_process_stangs_nar_kommandot_slutar(tmp_path):
    """En förstartad process som inget bygge tog stängs när kommandot slutar. Processen här läser aldrig sin
    stdin (den skulle annars sluta själv när kommandot dör), så bara stängningen kan avsluta den."""
    (tmp_path / "sovande.py").write_text("import time\n\ndef tjana():\n    time.sleep(3600)\n", encoding="utf-8")
    skript = ("from rapportverk import barnprocess\nbarnprocess.forstarta('sovande')\n"
              "print(barnprocess._FORSTARTADE['sovande']._process.pid, flush=True)\n"
              "from rapportverk.avslut import avsluta\navsluta(0)\n")
    miljo = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROT / "src")])}
    svar = subprocess.run([sys.executable, "-c", skript], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, check=True, cwd=ROT, env=miljo, timeout=60)
    pid = int(svar.stdout)
    for _ in range(100):  # stängningen väntar inte på processen (kill); ge den tid att försvinna
        if not _lever(pid):
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
    assert not _lever(pid)


def test_processen_som_startats_i_forvag_stangs_nar_inget_behover_byggas(tmp_path):
    from rapportverk import barnprocess
    from rapportverk.bygg.bygge import bygg
    from rapportverk.underlag.tabeller import ladda_projekt

    projekt = ladda_projekt(ROT / "konfig" / "rapportverk.yaml")
    argument = {"namnder": ["revisionen"], "format": ("pdf",), "ut": tmp_path, "inkrementellt": True,
                "kommando": ["rapport"]}
    assert len(bygg(projekt, "delarsrapport", "2021-04", **argument).lyckade) == 1
    barnprocess.forstarta("rapportverk.rendera.pdfprocess")
    pid = barnprocess._FORSTARTADE["rapportverk.rendera.pdfprocess"]._process.pid
    igen = bygg(projekt, "delarsrapport", "2021-04", **argument)
    assert igen.resultat == [] and igen.plan is not None
    assert not barnprocess._FORSTARTADE and not _lever(pid)
