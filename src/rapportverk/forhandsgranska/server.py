"""Förhandsgranskningens webbserver (standardbibliotekets ThreadingHTTPServer).

Den svarar bara på sina egna adresser: sidan, skriptet, rapportens HTML, filer bredvid stilmallen som
rapporten själv hänvisar till, händelseströmmen och den senast byggda PDF:en. Inga kataloglistor, inget
`..` och inget utanför projektet; allt annat är 404. Bunden till 127.0.0.1 godtas bara anrop som är
adresserade till den här datorn (Host), så att en främmande webbplats inte kan läsa rapporten genom
DNS-rebinding, och knapparna (POST) kräver samma ursprung.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from rapportverk.fel import Fel, RapportverkFel
from rapportverk.forhandsgranska.sida import PLATSHALLARE, SKRIPT, handelse, sida

if TYPE_CHECKING:
    from rapportverk.forhandsgranska.granskning import Forhandsgranskning

TILLGANGAR = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
              ".svg": "image/svg+xml", ".css": "text/css; charset=utf-8", ".woff": "font/woff",
              ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}
CSP_SIDA = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
# Rapporten har inga skript (modellen har inget rått innehåll); det här är ett andra skydd.
CSP_RAPPORT = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
               "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
CSP_FIL = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
HALL_VID_LIV = 15.0  # sekunder mellan kommentarer i händelseströmmen, så att en stängd flik märks


class Server(ThreadingHTTPServer):
    daemon_threads = True
    session: Forhandsgranskning | None = None

    def server_bind(self) -> None:
        # Inte HTTPServer.server_bind: den slår upp datorns namn (getfqdn), vilket kan ta sekunder.
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])


class Server6(Server):
    address_family = socket.AF_INET6


def lokal(host: str) -> bool:
    """Adressen nås bara från den här datorn (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def skapa_server(host: str, port: int) -> Server:
    """Bind porten (0 = en ledig). Upptagen port eller okänd adress blir ett svenskt fel."""
    klass = Server6 if ":" in host else Server
    try:
        return klass((host, port), Hanterare)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            text = f"porten {port} används redan (kanske av en annan förhandsgranskning); välj en annan med --port."
        elif exc.errno == errno.EACCES:
            text = f"porten {port} får bara användas av administratören; välj en port över 1024 med --port."
        else:
            text = f"kan inte ta emot anrop på {host}:{port} ({exc.strerror or exc}); kontrollera --host och --port."
        raise RapportverkFel(Fel(text)) from None


def adress(server: Server) -> str:
    host = server.server_name
    return f"http://[{host}]:{server.server_port}/" if ":" in host else f"http://{host}:{server.server_port}/"


class Hanterare(BaseHTTPRequestHandler):
    server: Server
    server_version = "rapportverk"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tyst: terminalen visar byggena

    @property
    def session(self) -> Forhandsgranskning:
        assert self.server.session is not None
        return self.server.session

    # --- svar -----------------------------------------------------------------------------------------

    def _svara(self, status: int, kropp: bytes, typ: str, csp: str = CSP_FIL, **rubriker: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", typ)
        self.send_header("Content-Length", str(len(kropp)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", csp)
        for namn, varde in rubriker.items():
            self.send_header(namn.replace("_", "-"), varde)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(kropp)

    def _text(self, status: int, text: str) -> None:
        self._svara(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    def _json(self, data: dict[str, Any]) -> None:
        self._svara(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _finns_inte(self) -> None:
        self._text(404, "Finns inte. Förhandsgranskningen visar bara rapporten på /.\n")

    def _ratt_vard(self) -> bool:
        """Host-rubriken måste vara den här datorn när servern bara lyssnar lokalt (skydd mot DNS-rebinding)."""
        if not lokal(self.server.server_name):
            return True
        vard = self.headers.get("Host")
        if vard is None:
            return True
        tillatna = {f"{h}:{self.server.server_port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        if vard.lower() in tillatna:
            return True
        self._text(403, "Förbjudet: förhandsgranskningen svarar bara på adresser till den här datorn.\n")
        return False

    # --- GET ------------------------------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._ratt_vard():
            return
        vag = urlsplit(self.path).path
        lage = self.session.lage
        if vag == "/":
            self._svara(200, sida(self.session, lage).encode("utf-8"), "text/html; charset=utf-8", CSP_SIDA,
                        X_Frame_Options="DENY")
        elif vag == "/forhandsgranska.js":
            self._svara(200, SKRIPT.encode("utf-8"), "text/javascript; charset=utf-8")
        elif vag == "/rapport/":
            html = lage.html if lage.html is not None else PLATSHALLARE
            self._svara(200, html.encode("utf-8"), "text/html; charset=utf-8", CSP_RAPPORT,
                        X_Frame_Options="SAMEORIGIN")
        elif vag.startswith("/rapport/"):
            self._tillgang(vag.removeprefix("/rapport/"))
        elif vag == "/lage":
            self._json(handelse(lage))
        elif vag == "/handelser" and self.command == "GET":
            self._handelser()
        elif vag.startswith("/pdf/"):
            self._pdf(vag.removeprefix("/pdf/"))
        else:
            self._finns_inte()

    def _tillgang(self, relativ: str) -> None:
        """En fil i rapporttypens resurskatalog (t.ex. en bild som CSS:en hänvisar till), aldrig utanför den."""
        bas, projekt = self.session.resursbas, self.session.projekt
        relativ = unquote(relativ)
        delar = relativ.split("/")
        if bas is None or projekt is None or "\x00" in relativ or "\\" in relativ or any(
                d in ("", ".", "..") for d in delar):
            return self._finns_inte()
        bas = bas.resolve()
        fil = (bas / relativ).resolve()
        if (not fil.is_relative_to(bas) or not fil.is_relative_to(projekt.katalog.parent.resolve())
                or fil.suffix.lower() not in TILLGANGAR or not fil.is_file()):
            return self._finns_inte()
        self._svara(200, fil.read_bytes(), TILLGANGAR[fil.suffix.lower()])

    def _pdf(self, namn: str) -> None:
        pdf = self.session.pdf
        if pdf is None or unquote(namn) != pdf.name or not pdf.is_file():
            return self._finns_inte()
        self._svara(200, pdf.read_bytes(), "application/pdf", Content_Disposition=f'inline; filename="{pdf.name}"')

    def _handelser(self) -> None:
        """Server-sent events: det aktuella läget direkt, sedan vid varje nytt bygge."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        session, version = self.session, -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not session.stopp.is_set():
                lage = session.vanta(version, HALL_VID_LIV)
                if session.stopp.is_set():
                    break
                if lage.version != version:
                    version = lage.version
                    data = json.dumps(handelse(lage), ensure_ascii=False)
                    self.wfile.write(f"event: lage\ndata: {data}\n\n".encode())
                else:
                    self.wfile.write(b": fortfarande har\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # fliken stängdes

    # --- POST -----------------------------------------------------------------------------------------

    def do_POST(self) -> None:
        if not self._ratt_vard():
            return
        ursprung, vard = self.headers.get("Origin"), self.headers.get("Host")
        if ursprung is not None and ursprung != f"http://{vard}":
            return self._text(403, "Förbjudet: knapparna fungerar bara från förhandsgranskningens egen sida.\n")
        vag = urlsplit(self.path).path
        if vag == "/pdf":
            self._json(self.session.bygg_pdf())
        elif vag == "/kontrollera":
            self._json(self.session.kontrollera())
        else:
            self._finns_inte()

