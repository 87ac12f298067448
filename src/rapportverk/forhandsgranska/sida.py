"""Förhandsgranskningens egen sida: verktygsrad, felruta, textblockens status och rapporten i en ram.

Rapporten visas i en `<iframe>` med den HTML som PDF-renderaren får, orörd; allt som hör till
förhandsgranskningen (felrutan, knapparna, skriptet som laddar om) ligger utanför den. Ramen är lika bred
som satsytan på en A4-sida i PDF:en, så att raderna bryts på samma ställen. Felrutan och statusraden
byggs här, escapade, både för första visningen och för varje händelse som skriptet tar emot.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from rapportverk import formatering
from rapportverk.dokument.textstatus import MARKE
from rapportverk.fel import visningsnamn

if TYPE_CHECKING:
    from rapportverk.forhandsgranska.granskning import Forhandsgranskning, Lage

PLATSHALLARE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Ingen rapport än</title></head>
<body><p>Rapporten har inte kunnat byggas än. Rätta felen som visas ovanför och spara filen.</p></body></html>
"""

STIL = """
:root { color-scheme: light; }
body { margin: 0; background: #e8e8e8; font: 15px/1.4 system-ui, "Liberation Sans", "DejaVu Sans", sans-serif;
  color: #1a1a1a; }
header { position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 1rem;
  padding: .5rem 1rem; background: #1f5f8b; color: #fff; }
header h1 { font-size: 1rem; margin: 0; font-weight: 600; white-space: nowrap; }
#status { flex: 1; min-width: 0; font-size: .875rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.knappar { display: flex; gap: .5rem; }
button { font: inherit; font-size: .875rem; padding: .25rem .75rem; border: 1px solid #fff; border-radius: 3px;
  background: #fff; color: #1f5f8b; cursor: pointer; }
button:disabled { opacity: .6; cursor: progress; }
#resultat:not(:empty) { box-sizing: border-box; margin: .75rem auto 0; max-width: 21cm; padding: .5rem 1rem;
  background: #fff;
  border-left: 4px solid #1f5f8b; }
#resultat pre { white-space: pre-wrap; margin: .5rem 0 0; font-size: .8rem; }
#meddelanden { max-width: 21cm; margin: 0 auto; }
.ruta { margin: .75rem 0 0; padding: .6rem 1rem; border: 2px solid; border-radius: 4px; background: #fff; }
.ruta h2 { font-size: 1rem; margin: 0 0 .25rem; }
.ruta p { margin: 0 0 .25rem; }
.ruta ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.ruta li { margin: .25rem 0; }
.ruta.fel { border-color: #b00020; background: #fdecee; }
.ruta.obs { border-color: #8a5a00; background: #fff4e0; }
.plats { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; font-weight: 600; }
#textstatus { max-width: 21cm; margin: .75rem auto 0; padding: .4rem 1rem; background: #fff; border-radius: 4px; }
#textstatus summary { cursor: pointer; font-weight: 600; }
#textstatus table { border-collapse: collapse; margin: .4rem 0; font-size: .875rem; }
#textstatus td { padding: .15rem .75rem .15rem 0; vertical-align: top; }
#textstatus .fil { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .75rem; color: #555;
  word-break: break-all; }
.bricka { display: inline-block; min-width: 5.5em; padding: 0 .4em; border: 1px solid; border-radius: 3px;
  font-weight: 600; white-space: nowrap; }
.bricka.klar { color: #1b5e20; background: #e8f5e9; }
.bricka.utkast { color: #7a4f00; background: #fff4e0; }
.bricka.saknas, .bricka.fel { color: #b00020; background: #fdecee; }
.ark { position: relative; width: 16.3cm; margin: .75rem auto 2rem; padding: 2.4cm 2.2cm 2.2cm 2.5cm;
  background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
.ark iframe { display: block; width: 100%; height: 80vh; border: 0; }
.ark iframe.laddar { position: absolute; left: 2.5cm; top: 2.4cm; width: 16.3cm; visibility: hidden; }
"""

SKRIPT = """\
"use strict";
// Förhandsgranskningen: ladda om rapporten när servern säger att den har ändrats (server-sent events).
(() => {
  const sida = document.body;
  const status = document.getElementById("status");
  const meddelanden = document.getElementById("meddelanden");
  const resultat = document.getElementById("resultat");
  let visad = Number(sida.dataset.htmlVersion);
  let vantande = null;

  function anpassa(ram) {
    const dok = ram.contentDocument;
    if (dok && dok.documentElement) ram.style.height = dok.documentElement.scrollHeight + "px";
  }

  function klar(ram, version) {
    anpassa(ram);
    visad = version;
    sida.dataset.visad = String(version);
    const dok = ram.contentDocument;
    if (dok && dok.documentElement && ram.contentWindow.ResizeObserver) {
      new ram.contentWindow.ResizeObserver(() => anpassa(ram)).observe(dok.documentElement);
    }
  }

  function laddaOm(version) {
    if (vantande) vantande.remove();
    const gammal = document.getElementById("rapport");
    const ny = document.createElement("iframe");
    ny.title = gammal.title;
    ny.className = "laddar";
    ny.dataset.version = String(version);
    ny.addEventListener("load", () => {
      if (vantande !== ny) return;
      vantande = null;
      ny.style.height = gammal.style.height;
      ny.classList.remove("laddar");
      gammal.remove();
      ny.id = "rapport";
      klar(ny, version);
    });
    vantande = ny;
    ny.src = "/rapport/?v=" + version;
    gammal.after(ny);
  }

  const forsta = document.getElementById("rapport");
  if (forsta.contentDocument && forsta.contentDocument.readyState === "complete"
      && forsta.contentDocument.URL !== "about:blank") {
    klar(forsta, visad);
  } else {
    forsta.addEventListener("load", () => klar(forsta, visad), { once: true });
  }

  const kalla = new EventSource("/handelser");
  kalla.addEventListener("lage", (e) => {
    const lage = JSON.parse(e.data);
    meddelanden.innerHTML = lage.ruta;
    const tavla = document.getElementById("textstatus");
    const oppen = tavla.open;
    tavla.innerHTML = lage.textstatus;
    tavla.open = oppen;
    status.textContent = lage.status;
    sida.dataset.version = String(lage.version);
    const vantar = vantande ? Number(vantande.dataset.version) : null;
    if (lage.html_version !== visad && lage.html_version !== vantar) laddaOm(lage.html_version);
  });
  kalla.addEventListener("error", () => {
    status.textContent = "Ingen kontakt med förhandsgranskningen. Körs rapport forhandsgranska fortfarande?";
  });

  function rad(text, lank) {
    const p = document.createElement("p");
    p.textContent = text;
    if (lank) {
      const a = document.createElement("a");
      a.href = lank.url;
      a.textContent = lank.text;
      a.target = "_blank";
      p.append(" ", a);
    }
    return p;
  }

  async function atgard(knapp, url) {
    knapp.disabled = true;
    resultat.replaceChildren(rad(knapp.dataset.pagar));
    try {
      const svar = await fetch(url, { method: "POST", headers: { "X-Rapportverk": "1" } });
      const data = await svar.json();
      if (data.fel) {
        resultat.replaceChildren(rad("Det gick inte:"), ...data.fel.map((f) => rad(f.plats)));
        return;
      }
      const delar = [rad(`PDF:en är byggd: ${data.sidor} sidor på ${data.tid} (${data.fil}).`,
                         { url: data.url, text: "Öppna PDF:en" })];
      if ("ok" in data) {
        delar.push(rad(data.ok ? "Tillgänglighetskontrollen: godkänd." : "Tillgänglighetskontrollen: brister."));
        const pre = document.createElement("pre");
        pre.textContent = data.sammanfattning;
        delar.push(pre);
      }
      resultat.replaceChildren(...delar);
    } catch (fel) {
      resultat.replaceChildren(rad("Ingen kontakt med förhandsgranskningen: " + fel));
    } finally {
      knapp.disabled = false;
    }
  }

  for (const knapp of document.querySelectorAll("button[data-url]")) {
    knapp.addEventListener("click", () => atgard(knapp, knapp.dataset.url));
  }
})();
"""


def _lista(fynd: tuple[Any, ...]) -> str:
    rader = []
    for f in fynd:
        plats = f.fil if f.rad is None else f"{f.fil}:{f.rad}"
        platstext = f'<span class="plats">{escape(plats)}</span>: ' if f.fil else ""
        rader.append(f"<li>{platstext}{escape(f.text)}</li>")
    return "<ul>" + "".join(rader) + "</ul>"


def ruta(lage: Lage) -> str:
    """Felrutan (och rutan med saknade textblock) som HTML; tom sträng när allt är i ordning."""
    delar = []
    if lage.fel:
        efter = ("Det senaste lyckade bygget visas nedan. " if lage.html else "") + \
            "Rätta felet och spara filen, så försvinner rutan."
        delar.append(f'<div class="ruta fel" role="alert"><h2>✖ Fel: rapporten kunde inte byggas om</h2>'
                     f"<p>{escape(efter)}</p>{_lista(lage.fel)}</div>")
    if lage.obs:
        delar.append(f'<div class="ruta obs"><h2>! Att göra före den slutliga versionen</h2>{_lista(lage.obs)}</div>')
    return "".join(delar)


def textstatus(lage: Lage) -> str:
    """Textblocken i rapporten med sin status (front matter), som innehållet i en <details>."""
    if not lage.textblock:
        return "<summary>Textblock: inga</summary>"
    klara = sum(1 for a in lage.textblock if a.tillstand == "klar")
    rader = []
    for a in lage.textblock:
        fil = visningsnamn(a.fil) if a.fil else ""
        rader.append(f'<tr><td><span class="bricka {a.tillstand}">{escape(MARKE[a.tillstand])}</span></td>'
                     f'<td>{escape(a.namn)}<br><span class="fil">{escape(fil)}</span></td><td>{escape(a.om)}</td></tr>')
    return (f"<summary>Textblock: {klara} av {len(lage.textblock)} klara</summary>"
            f'<table><tbody>{"".join(rader)}</tbody></table>')


def statustext(lage: Lage) -> str:
    if not lage.klockan:
        return ""
    tid = formatering.sekunder(lage.sekunder, 2)
    vad = "misslyckades" if lage.fel else "uppdaterad"
    return f"{lage.klockan} {vad} ({tid}) — {lage.orsak}"


def handelse(lage: Lage) -> dict[str, Any]:
    return {**lage.som_json(), "ruta": ruta(lage), "status": statustext(lage), "textstatus": textstatus(lage)}


def sida(session: Forhandsgranskning, lage: Lage) -> str:
    titel = session.dok.meta.titel if session.dok is not None else f"{session.rapport} {session.namnd} {session.period}"
    kontroll = ('<button type="button" data-url="/kontrollera" data-pagar="Bygger PDF:en och kontrollerar '
                'tillgängligheten …">Kontrollera tillgänglighet</button>') if session.kontroll else ""
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Förhandsgranskning – {escape(titel)}</title>
<style>{STIL}</style>
</head>
<body data-version="{lage.version}" data-html-version="{lage.html_version}">
<header>
<h1>{escape(titel)}</h1>
<span id="status" role="status">{escape(statustext(lage))}</span>
<div class="knappar">
<button type="button" data-url="/pdf" data-pagar="Bygger PDF:en …">Bygg PDF</button>
{kontroll}
</div>
</header>
<div id="resultat" aria-live="polite"></div>
<section id="meddelanden" aria-live="polite">{ruta(lage)}</section>
<details id="textstatus">{textstatus(lage)}</details>
<main class="ark">
<iframe id="rapport" title="Rapporten" src="/rapport/?v={lage.html_version}"></iframe>
</main>
<script src="/forhandsgranska.js"></script>
</body>
</html>
"""
