#!/usr/bin/env python3
"""Writes mail that Cachet generates itself, for the demo, the tests and the benchmarks.

Profiles (see README.md beside this file):
  demo     a small, believable mailbox: INBOX, Sent, Archive and a mailing list
           folder, threads, HTML alternatives, attachments (some shared between
           messages), non-ASCII names and subjects, read/flagged/replied flags.
  bench    the sizes of real mail for the import benchmark: median about 15 KB,
           mean about 110 KB, a tail of 1-10 MB attachments, repeated attachments.
  variety  one message per MIME path the importer must survive (encodings, line
           ends, nesting, malformed structure, raw 8-bit headers, NUL bytes) and
           files that are not messages at all (named "*not-a-message*").

Everything comes from --seed: the same arguments write the same bytes.
All names and addresses are invented; domains are the reserved example.* ones.
"""

import argparse
import base64
import datetime
import email.utils
import os
import random
import sys
import unicodedata
import zlib

FIRST = ["Alice", "Bob", "Carol", "Dmitri", "Emma", "Farid", "Grace", "Hiroshi", "Ines", "Jonas",
         "Kalinda", "Lars", "Mei", "Noor", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tomás",
         "Uma", "Víctor", "Wanjiru", "Xiu", "Yusuf", "Zoë"]
LAST = ["Archer", "Baker", "Castellanos", "Dąbrowski", "Eriksen", "Fontaine", "García", "Hoffmann",
        "Ivanova", "Jensen", "Kowalczyk", "Lindqvist", "Müller", "Nakamura", "O'Brien", "Petrović",
        "Rossi", "Schmidt", "Tanaka", "Urbanek", "Virtanen", "Weiß", "Yilmaz", "Zhang"]
DOMAINS = ["example.org", "example.net", "example.com", "mail.example.org", "uni.example.edu"]
TOPICS = ["garden", "budget", "release", "conference", "recipe", "hiking trip", "server migration",
          "quarterly report", "book club", "invoice", "apartment", "concert tickets", "rehearsal",
          "family dinner", "thesis draft", "bike repair", "photo album", "newsletter", "workshop",
          "backup plan", "translation", "school trip", "board meeting", "kernel patch"]
SUBJECTS = ["About the {t}", "Re: {t}", "{T} next week?", "Notes from the {t}", "Quick question on the {t}",
            "{T}: updated plan", "Photos from the {t}", "Fwd: {t}", "Reminder: {t}", "{T} — final version",
            "Can we move the {t}?", "Thanks for the {t}!", "Draft for the {t}", "Überblick: {t}"]
WORDS = ("the a we you they it this that next week meeting plan idea draft version budget garden "
         "tomatoes dough bread recipe minutes thanks please could would should maybe tomorrow "
         "morning evening schedule attached document photos trip server backup release notes "
         "changes review comments agree disagree question answer time place room train ticket "
         "price list family friends team project deadline friday monday report figures numbers "
         "coffee lunch dinner weekend holiday weather rain sun mountains lake city bike repair "
         "chapter thesis kernel patch build tests pass fail config update install window door "
         "kitchen paint colour invoice payment bank transfer reference book club novel author").split()
LIST_NAME = "cachet-dev"


class Writer:
    """Writes messages as Maildir++ (folders as .Sub.Folder) or as one mboxrd file."""

    def __init__(self, maildir=None, mbox=None):
        self.maildir, self.count = maildir, 0
        self.mbox = open(mbox, "wb") if mbox else None
        if maildir:
            self._folder_path("INBOX")

    def _folder_path(self, folder):
        path = self.maildir if folder == "INBOX" else os.path.join(self.maildir, "." + folder)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(path, sub), exist_ok=True)
        return path

    def add(self, raw, folder="INBOX", flags="S", when=0, name=None, sender="MAILER-DAEMON"):
        self.count += 1
        if self.mbox:
            stamp = email.utils.formatdate(when, usegmt=True)
            self.mbox.write(b"From %s %s\n" % (sender.encode(), stamp.encode()))
            lines = raw.split(b"\n")
            for i, line in enumerate(lines):
                if line.lstrip(b">").startswith(b"From "):  # mboxrd quoting
                    lines[i] = b">" + line
            self.mbox.write(b"\n".join(lines))
            if not raw.endswith(b"\n"):
                self.mbox.write(b"\n")
            self.mbox.write(b"\n")
            return
        path = self._folder_path(folder)
        unique = name or "%d.M%06dP%d.cachet-generated" % (when, self.count, os.getpid() % 1000)
        if flags is None:  # unread and never seen by a client: new/
            target = os.path.join(path, "new", unique)
        else:
            target = os.path.join(path, "cur", unique + ":2," + "".join(sorted(flags)))
        with open(target, "wb") as f:
            f.write(raw)
        if when > 0:
            os.utime(target, (when, when))

    def close(self):
        if self.mbox:
            self.mbox.close()


def encode_word(text):
    """RFC 2047 encoded word for header text that is not ASCII."""
    if all(ord(c) < 128 for c in text):
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def address(name, addr):
    if all(ord(c) < 128 for c in name):
        quoted = '"%s"' % name if any(c in name for c in ",.'") else name
        return "%s <%s>" % (quoted, addr)
    return "%s <%s>" % (encode_word(name), addr)


def qp_encode(text):
    """Quoted-printable (RFC 2045 §6.7) with CRLF line ends and 76-character lines."""
    out = []
    for line in text.split("\n"):
        encoded, width = "", 0
        data = line.encode()
        for i, b in enumerate(data):
            last = i == len(data) - 1
            if (33 <= b <= 126 and b != 61) or (b in (32, 9) and not last):
                piece = chr(b)
            else:
                piece = "=%02X" % b
            if width + len(piece) > 75:
                encoded += "=\r\n"
                width = 0
            encoded += piece
            width += len(piece)
        out.append(encoded)
    return "\r\n".join(out)


def b64_lines(data):
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


class Mail:
    """Builds believable messages from one random generator."""

    def __init__(self, rng, now):
        self.rng, self.now = rng, now
        self.people = []
        for _ in range(60):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            ascii_last = unicodedata.normalize("NFKD", last.replace("ß", "ss")).encode("ascii", "ignore").decode()
            local = (first[0] + "." + ascii_last).lower().replace("'", "")
            self.people.append((first + " " + last, local + "@" + rng.choice(DOMAINS)))
        self.me = ("Sam Example", "sam@example.org")
        self.shared = []  # attachments sent around more than once (stored once by Cachet)
        self.msgid_count = 0

    def sentence(self):
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(5, 16))]
        return " ".join(words).capitalize() + self.rng.choice([".", ".", ".", "?", "!"])

    def paragraphs(self, size):
        out, total = [], 0
        while total < size:
            para = " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
            out.append(para)
            total += len(para) + 2
        return out

    def wrap(self, para, width=72):
        lines, line = [], ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = (line + " " + word) if line else word
        lines.append(line)
        return "\n".join(lines)

    def date(self, when, sender):
        """RFC 5322 date in the sender's own zone (stable per sender)."""
        hours = (zlib.crc32(sender.encode()) % 15) - 5
        zone = datetime.timezone(datetime.timedelta(hours=hours))
        return email.utils.format_datetime(datetime.datetime.fromtimestamp(when, zone))

    def message_id(self, domain):
        self.msgid_count += 1
        return "<%08x.%d@%s>" % (self.rng.getrandbits(32), self.msgid_count, domain)

    def attachment_bytes(self, size, kind):
        """Bytes that compress like the real thing: images and PDFs hardly at all."""
        head = {"pdf": b"%PDF-1.7\n", "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "png": b"\x89PNG\r\n\x1a\n",
                "zip": b"PK\x03\x04", "txt": b""}[kind]
        if kind == "txt":
            text = "\n".join(self.paragraphs(size)).encode()
            return text[:size]
        return head + self.rng.randbytes(max(0, size - len(head)))

    def attachment(self, size):
        kind = self.rng.choice(["pdf", "jpg", "jpg", "png", "zip", "txt"])
        mime = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "zip": "application/zip",
                "txt": "text/plain"}[kind]
        stem = self.rng.choice(["report", "photo", "scan", "minutes", "plan", "Rechnung", "invoice",
                                "IMG_%04d" % self.rng.randint(1, 9999), "budget-2026", "slides", "Übersicht"])
        return stem + "." + kind, mime, self.attachment_bytes(size, kind)

    def shared_attachment(self):
        if len(self.shared) < 12 or self.rng.random() < 0.1:
            self.shared.append(self.attachment(self.rng.randint(20_000, 400_000)))
        return self.rng.choice(self.shared)

    def build(self, frm, to, subject, when, text, html=False, attachments=(), cc=(), reply_to=None,
              list_id=None, extra_headers=()):
        boundary_n = [0]

        def boundary():
            boundary_n[0] += 1
            return "=_cachet_%d_%08x" % (boundary_n[0], self.rng.getrandbits(32))

        headers = [
            "Return-Path: <%s>" % frm[1],
            "Received: from mx.%s (mx.%s [192.0.2.%d]) by mail.example.org with ESMTPS id %08X; %s"
            % (frm[1].split("@")[1], frm[1].split("@")[1], self.rng.randint(1, 254), self.rng.getrandbits(32),
               email.utils.formatdate(when + 3)),
            "From: " + address(*frm),
            "To: " + ", ".join(address(*p) for p in to),
        ]
        if cc:
            headers.append("Cc: " + ", ".join(address(*p) for p in cc))
        headers += ["Subject: " + encode_word(subject), "Date: " + self.date(when, frm[1]),
                    "Message-ID: " + self.message_id(frm[1].split("@")[1])]
        if reply_to:
            headers += ["In-Reply-To: " + reply_to[-1], "References: " + " ".join(reply_to)]
        if list_id:
            headers += ["List-Id: <%s.lists.example.org>" % list_id,
                        "List-Unsubscribe: <mailto:%s-leave@lists.example.org>" % list_id]
        headers += list(extra_headers)
        headers.append("MIME-Version: 1.0")

        plain_part = ("Content-Type: text/plain; charset=utf-8\r\n"
                      "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + qp_encode(text) + "\r\n")
        body_part = plain_part
        if html:
            paras = "".join("<p>%s</p>" % p.replace("&", "&amp;").replace("<", "&lt;") for p in text.split("\n\n"))
            html_text = "<html><head><meta charset=\"utf-8\"></head><body>%s</body></html>" % paras
            b = boundary()
            body_part = ("Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n--%s\r\n%s\r\n--%s\r\n"
                         "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                         "%s\r\n\r\n--%s--\r\n" % (b, b, plain_part, b, qp_encode(html_text), b))
        if attachments:
            b = boundary()
            parts = ["--%s\r\n%s" % (b, body_part)]
            for name, mime, data in attachments:
                if name.isascii():
                    disposition = 'attachment; filename="%s"' % name
                else:  # RFC 2231, as Thunderbird writes it
                    disposition = "attachment; filename*=utf-8''" + "".join(
                        c if c.isalnum() or c in ".-_" else "%%%02X" % b_ for c in name for b_ in c.encode())
                parts.append("--%s\r\nContent-Type: %s; name=\"%s\"\r\nContent-Disposition: %s\r\n"
                             "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                             % (b, mime, encode_word(name), disposition, b64_lines(data)))
            body = "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n%s\r\n--%s--\r\n" % (
                b, "\r\n".join(parts), b)
        else:
            body = body_part
        return ("\r\n".join(headers) + "\r\n" + body).encode()


def demo(writer, rng, count, now):
    """Threads between the user and invented people across four folders."""
    mail = Mail(rng, now)
    threads = []
    span = 365 * 86400
    for i in range(count):
        when = now - int(span * (1 - i / max(count, 1))) + rng.randint(0, 3600)
        roll = rng.random()
        folder, list_id, flags = "INBOX", None, "S"
        if roll < 0.12:
            folder = "Sent"
        elif roll < 0.25:
            folder, list_id = "Lists." + LIST_NAME, LIST_NAME
        elif roll < 0.40:
            folder = "Archive"
        other = rng.choice(mail.people)
        frm, to = (mail.me, [other]) if folder == "Sent" else (other, [mail.me])
        cc = rng.sample(mail.people, rng.randint(1, 3)) if rng.random() < 0.2 else ()
        if threads and rng.random() < 0.35:
            subject, refs = rng.choice(threads)
            subject = subject if subject.startswith("Re: ") else "Re: " + subject
        else:
            topic = rng.choice(TOPICS)
            subject = rng.choice(SUBJECTS).format(t=topic, T=topic.capitalize())
            refs = []
        paras = mail.paragraphs(rng.choice([300, 600, 1200, 2500, 5000]))
        text = "Hi %s,\n\n%s\n\n%s\n" % (to[0][0].split()[0], "\n\n".join(mail.wrap(p) for p in paras),
                                        frm[0].split()[0])
        if refs:
            text += "\nOn an earlier day, someone wrote:\n" + "\n".join("> " + l for l in mail.wrap(mail.sentence()).split("\n"))
        attachments = []
        if rng.random() < 0.15:
            attachments.append(mail.shared_attachment() if rng.random() < 0.5 else mail.attachment(rng.randint(5_000, 120_000)))
        raw = mail.build(frm, to, subject, when, text, html=rng.random() < 0.4, attachments=attachments, cc=cc,
                         reply_to=refs or None, list_id=list_id)
        msgid = raw.split(b"Message-ID: ", 1)[1].split(b"\r\n", 1)[0].decode()
        threads.append((subject, refs + [msgid]))
        threads = threads[-40:]
        if folder == "INBOX" and i > count - 12:
            flags = None if rng.random() < 0.7 else ""  # the newest ones mostly unread
        elif rng.random() < 0.06:
            flags = "SF"
        elif refs and folder == "INBOX" and rng.random() < 0.5:
            flags = "RS"
        writer.add(raw, folder, flags, when, sender=frm[1])


def bench(writer, rng, count, now):
    """Sizes like a real mailbox (median ~15 KB, mean ~110 KB, a 1-10 MB tail)."""
    mail = Mail(rng, now)
    for i in range(count):
        when = now - int(3 * 365 * 86400 * (1 - i / max(count, 1)))
        other = rng.choice(mail.people)
        topic = rng.choice(TOPICS)
        subject = rng.choice(SUBJECTS).format(t=topic, T=topic.capitalize())
        # Text and headers: a log-normal around 7 KB (with HTML about twice that).
        size = int(min(200_000, rng.lognormvariate(8.9, 0.8)))
        text = "\n\n".join(mail.wrap(p) for p in mail.paragraphs(size))
        attachments = []
        roll = rng.random()
        if roll < 0.01:  # base64 makes these 1-10 MB in the message
            attachments.append(mail.attachment(rng.randint(750_000, 7_300_000)))
        elif roll < 0.20:
            attachments.append(mail.shared_attachment() if rng.random() < 0.3
                               else mail.attachment(int(min(900_000, rng.lognormvariate(11.2, 0.9)))))
        raw = mail.build(other, [mail.me], subject, when, text, html=rng.random() < 0.45, attachments=attachments)
        writer.add(raw, "INBOX", "S" if rng.random() < 0.9 else None, when, sender=other[1])


def variety(writer, rng, now):
    """One file per path through the MIME layer, well-formed or not."""
    mail = Mail(rng, now)
    cases = []

    def add(name, raw):
        cases.append((name, raw))

    def h(subject, extra=""):
        return ("From: Alice Archer <alice@example.org>\r\nTo: bob@example.net\r\nSubject: %s\r\n"
                "Date: Tue, 3 Jan 2023 10:00:00 +0100\r\nMessage-ID: <%s@example.org>\r\n%s" % (subject, subject.replace(" ", "-"), extra))

    add("plain-ascii", (h("plain ascii") + "\r\nJust text.\r\n").encode())
    add("lf-line-ends", (h("lf line ends") + "\r\nUnix line ends.\r\nSecond line.\r\n").replace("\r\n", "\n").encode())
    add("mixed-line-ends", (h("mixed line ends") + "\r\nOne\nTwo\r\nThree\rFour\n").encode())
    add("no-final-newline", (h("no final newline") + "\r\nNo newline at the end").encode())
    add("headers-only", h("headers only").encode())
    add("empty-body", (h("empty body") + "\r\n").encode())
    add("utf8-8bit", (h("=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: 8bit\r\n") + "\r\nGrüße aus Köln, 日本語のテキスト.\r\n").encode())
    add("raw-8bit-headers", h("x").replace("Subject: x", "Subject: Caf\xe9 cr\xe8me").encode("latin-1")
        + b"From2: J\xfcrgen \xff\xfe\r\n\r\nLatin-1 bytes in the header.\r\n")
    add("nul-bytes", (h("nul bytes") + "\r\nbefore\x00after\r\n\x00\x00\r\n").encode())
    add("quoted-printable", (h("quoted printable", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                               "Content-Transfer-Encoding: quoted-printable\r\n") + "\r\nCaf=E9 =\r\nsoft break =3D done\r\n").encode())
    add("bad-quoted-printable", (h("bad qp", "MIME-Version: 1.0\r\nContent-Transfer-Encoding: quoted-printable\r\n")
                                 + "\r\n=ZZ =4 =\r\n=\r\nend=").encode())
    add("base64-text", (h("base64 text", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: base64\r\n") + "\r\n" + b64_lines("Text in base64, ünïcödé.\n".encode()) + "\r\n").encode())
    add("bad-base64", (h("bad base64", "MIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\n")
                       + "\r\nSGVsbG8*** not base64 !!\r\n=====\r\nQQ\r\n").encode())
    add("unknown-encoding", (h("unknown encoding", "MIME-Version: 1.0\r\nContent-Transfer-Encoding: x-uuencode\r\n")
                             + "\r\nbegin 644 x\r\nend\r\n").encode())
    text, att = mail.sentence(), mail.attachment(3000)
    add("multipart-mixed", mail.build(("Carol", "carol@example.com"), [mail.me], "mixed with attachment", now, text,
                                      attachments=[att]))
    add("alternative-html", mail.build(("Dan", "dan@example.com"), [mail.me], "alternative", now, text, html=True))
    add("rfc2231-filename", mail.build(("Eve", "eve@example.com"), [mail.me], "rfc2231", now, text,
                                       attachments=[("Übersicht März.pdf", "application/pdf", mail.attachment_bytes(2000, "pdf"))]))
    inner = mail.build(("Fay", "fay@example.com"), [mail.me], "inner message", now, text, attachments=[att])
    add("forwarded-rfc822", (h("forwarded", "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"fw\"\r\n")
                             + "\r\n--fw\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--fw\r\nContent-Type: message/rfc822\r\n"
                             "Content-Disposition: attachment; filename=\"inner.eml\"\r\n\r\n").encode() + inner + b"\r\n--fw--\r\n")
    add("digest", (h("digest", "MIME-Version: 1.0\r\nContent-Type: multipart/digest; boundary=\"dg\"\r\n")
                   + "\r\n--dg\r\n\r\nFrom: one@example.org\r\nSubject: first\r\n\r\nOne.\r\n--dg\r\n\r\nFrom: two@example.org\r\n"
                   "Subject: second\r\n\r\nTwo.\r\n--dg--\r\n").encode())
    add("related-inline-image", (h("related", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"rl\"; type=\"text/html\"\r\n")
                                 + "\r\n--rl\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Logo: <img src=\"cid:logo@x\"></p>\r\n--rl\r\n"
                                 "Content-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                                 + b64_lines(mail.attachment_bytes(1500, "png")) + "\r\n--rl--\r\n").encode())
    add("signed-structure", (h("signed", "MIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha256; "
                                         "protocol=\"application/pgp-signature\"; boundary=\"sg\"\r\n")
                             + "\r\n--sg\r\nContent-Type: text/plain\r\n\r\nSigned text.\r\n--sg\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n\r\n"
                             "-----BEGIN PGP SIGNATURE-----\r\n\r\niQEzBAEBCAAdFiEE\r\n=abcd\r\n-----END PGP SIGNATURE-----\r\n--sg--\r\n").encode())
    nested = "Leaf at the bottom.\r\n"
    for depth in range(12):
        nested = ("Content-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n--n%d\r\n%s\r\n--n%d--\r\n" % (depth, depth, nested, depth)) \
            if depth else "Content-Type: text/plain\r\n\r\n" + nested
    add("nested-12-deep", (h("nested", "MIME-Version: 1.0\r\n") + nested).encode())
    add("missing-close-boundary", (h("missing close", "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mc\"\r\n")
                                   + "\r\n--mc\r\nContent-Type: text/plain\r\n\r\nNo closing boundary follows.\r\n").encode())
    add("boundary-never-used", (h("boundary never used", "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nowhere\"\r\n")
                                + "\r\n--elsewhere\r\n\r\ntext\r\n--elsewhere--\r\n").encode())
    add("multipart-no-boundary", (h("no boundary parameter", "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n")
                                  + "\r\n--x\r\n\r\ntext\r\n--x--\r\n").encode())
    add("truncated-base64-attachment", mail.build(("Gus", "gus@example.com"), [mail.me], "truncated", now, text,
                                                  attachments=[mail.attachment(20000)])[:9000])
    add("invalid-content-type", (h("invalid content type", "MIME-Version: 1.0\r\nContent-Type: ;;; garbage ===\r\n") + "\r\nx\r\n").encode())
    add("long-header-line", (h("long header", "X-Long: " + "a" * 200_000 + "\r\n") + "\r\nbody\r\n").encode())
    add("long-body-line", (h("long body line") + "\r\n" + "b" * 500_000 + "\r\n").encode())
    add("folded-encoded-subject", (h("x").replace("Subject: x", "Subject: =?iso-8859-1?q?Caf=E9?=\r\n =?utf-8?b?IOKCrA==?= and\r\n\tmore")
                                   + "\r\nFolded subject.\r\n").encode())
    add("groups-and-odd-addresses", ("From: \"Last, First\" <first.last@example.org>\r\nTo: undisclosed-recipients:;\r\n"
                                     "Cc: team: a@example.org, b@example.org;, c@example.org (C. Person)\r\n"
                                     "Subject: odd addresses\r\n\r\nGroups.\r\n").encode())
    add("body-only-after-empty-line", b"\r\nA message that starts with an empty line: no header at all.\r\n")
    add("mbox-from-line-inside", (h("from lines") + "\r\nFrom the start of a line\r\n>From quoted already\r\n").encode())
    add("not-a-message-binary", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000))
    add("not-a-message-zlib", zlib.compress(rng.randbytes(2000)))
    add("not-a-message-text", b"Just some notes, no header fields at all.\nSecond line.\n")

    for i, (name, raw) in enumerate(cases):
        writer.add(raw, "INBOX", "S", now - i * 60, name="%04d.variety-%s" % (i, name))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--maildir", help="write a Maildir++ folder here (created)")
    out.add_argument("--mbox", help="write one mboxrd file here (all folders in one)")
    ap.add_argument("--profile", choices=["demo", "bench", "variety"], default="demo")
    ap.add_argument("--count", type=int, default=0, help="messages (0: the profile's default; ignored by variety)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    now = 1_790_000_000  # fixed, so that a seed always gives the same bytes (Sept 2026)
    writer = Writer(maildir=args.maildir, mbox=args.mbox)
    if args.profile == "demo":
        demo(writer, rng, args.count or 400, now)
    elif args.profile == "bench":
        bench(writer, rng, args.count or 10_000, now)
    else:
        variety(writer, rng, now)
    writer.close()
    print("wrote %d messages (%s profile) to %s" % (writer.count, args.profile, args.maildir or args.mbox))


if __name__ == "__main__":
    sys.exit(main())
