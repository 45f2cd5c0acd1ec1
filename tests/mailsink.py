"""A tiny SMTP server on 127.0.0.1 that keeps what it receives: the worker really sends, the test reads.

Only what smtplib's send_message needs: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
"""
from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from email.message import EmailMessage


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink ready")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "DATA":
                self.reply("354 end with .")
                self.server.sink.keep(self._data())
                self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in {"EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                self.reply("250 ok")
            else:
                self.reply("502 not implemented")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class MailSink:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keep(self, raw: bytes) -> None:
        with self._lock:
            self.messages.append(email.message_from_bytes(raw, policy=email.policy.default))

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if m["To"] == address]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
