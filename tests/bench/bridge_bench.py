#!/usr/bin/env python3
"""IMAP benchmark: Cachet's bridge against Dovecot, serving the same messages.

Generates N messages (seeded: the same bytes every run; 1-50 KB, some multipart
with an attachment, non-ASCII names and text, quoted-printable), imports them
with `cachet-cli import` into a fresh profile and writes them as the Maildir of
a throwaway Dovecot, starts both servers on 127.0.0.1, warms both up the same
way, then times on both, interleaved, best of --repeat:
  1. SELECT INBOX
  2. UID FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)
  3. UID SEARCH TEXT <rare word> (in one message), TEXT <common word> (in most)
  4. UID FETCH <1,000 UIDs> BODY.PEEK[] (one command with a set)
  5. 10 concurrent clients: log in, select, the headers sweep, 100 bodies each
and prints seconds side by side with ratios, the servers' memory and the machine.
Answers are compared (counts, ENVELOPE, BODYSTRUCTURE, sizes, body bytes): a
difference is printed as a WARNING. Not part of the test run. See README.md.
"""

import argparse
import hashlib
import math
import os
import pwd
import grp
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "resources", "demo"))
sys.path.insert(0, os.path.join(ROOT, "tests", "interop"))

import make_mail  # noqa: E402  (the project's mail generator: names, text, MIME building)

RARE_WORD = "zyxomma"     # put into exactly one message
COMMON_WORD = "please"    # one of make_mail's words: in most messages of a few KB
NON_ASCII = ["Grüße aus Köln, à bientôt — café crème für alle.",
             "Спасибо за помощь, до встречи в пятницу.",
             "日本語のテキストも少し入れておきます。",
             "Ça coûte 12 € pro Stück, naïve façade, smørrebrød."]


# ---------------------------------------------------------------- the messages

def generate(maildir, count, seed):
    """Writes count messages into maildir (cur/ and new/). Returns the facts the
    answers are checked against: {"rare": n, "common": n, "bytes": n}."""
    rng = random.Random(seed)
    now = 1_790_000_000
    mail = make_mail.Mail(rng, now)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    rare_at = count * 37 // 100
    facts = {"rare": 0, "common": 0, "bytes": 0}
    for i in range(count):
        when = now - int(2 * 365 * 86400 * (1 - i / count))
        other = rng.choice(mail.people)
        topic = rng.choice(make_mail.TOPICS)
        subject = rng.choice(make_mail.SUBJECTS).format(t=topic, T=topic.capitalize())
        target = int(math.exp(rng.uniform(math.log(1_000), math.log(50_000))))  # 1-50 KB, log-uniform
        html = rng.random() < 0.3
        attachments = []
        text_share = 0.45 if html else 0.8
        if rng.random() < 0.15:
            text_share /= 2.5
            attachments.append(mail.attachment(max(200, int(target * 0.55 / 1.37))))  # base64 adds 37 %
        paras = [mail.wrap(p) for p in mail.paragraphs(max(150, int(target * text_share) - 900))]
        if rng.random() < 0.06:
            paras.insert(rng.randint(0, len(paras)), rng.choice(NON_ASCII))
        if i == rare_at:
            words = paras[-1].split(" ")
            words.insert(len(words) // 2, RARE_WORD)
            paras[-1] = " ".join(words)
        text = "Hi Sam,\n\n%s\n\n%s\n" % ("\n\n".join(paras), other[0].split()[0])
        cc = rng.sample(mail.people, rng.randint(1, 3)) if rng.random() < 0.15 else ()
        raw = mail.build(other, [mail.me], subject, when, text, html=html, attachments=attachments, cc=cc)
        searchable = text.lower()
        for name, mime, data in attachments:
            if mime.startswith("text/"):
                searchable += data.decode(errors="replace").lower()
        facts["rare"] += RARE_WORD in searchable
        facts["common"] += COMMON_WORD in searchable
        facts["bytes"] += len(raw)
        flags = "S" if rng.random() < 0.85 else None
        name = "%d.M%06d.bench" % (when, i)
        path = os.path.join(maildir, "new", name) if flags is None else \
            os.path.join(maildir, "cur", name + ":2," + flags)
        with open(path, "wb") as f:
            f.write(raw)
        os.utime(path, (when, when))
    return facts


# ---------------------------------------------------------------- a small IMAP client

LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
UNTAGGED_FETCH = re.compile(rb"^\* \d+ FETCH ")


class Imap:
    """Raw-socket IMAP: one command at a time, literals read in full, little parsing."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb", buffering=1 << 16)
        self.n = 0
        greeting = self.file.readline()
        if not greeting.startswith(b"* OK"):
            raise RuntimeError("no greeting: %r" % greeting)

    def response(self):
        """One whole response: (list of lines and literals, literal bytes)."""
        parts, literal_bytes = [], 0
        while True:
            line = self.file.readline()
            if not line:
                raise RuntimeError("connection closed")
            parts.append(line)
            m = LITERAL.search(line)
            if not m:
                return parts, literal_bytes
            n = int(m.group(1))
            data = self.file.read(n)
            if len(data) != n:
                raise RuntimeError("connection closed inside a literal")
            parts.append(data)
            literal_bytes += n

    def command(self, text, keep=False):
        """Sends one command, reads to its tagged answer. Returns a dict: fetches,
        literal_bytes, search (list of numbers), exists, and with keep=True the
        FETCH responses (each a list: line, literal, line, ...)."""
        self.n += 1
        tag = b"b%d" % self.n
        self.sock.sendall(tag + b" " + text.encode() + b"\r\n")
        out = {"fetches": 0, "literal_bytes": 0, "search": [], "exists": None, "responses": []}
        while True:
            parts, lit = self.response()
            first = parts[0]
            out["literal_bytes"] += lit
            if first.startswith(tag + b" "):
                if not first.startswith(tag + b" OK"):
                    raise RuntimeError("%s -> %s" % (text[:80], first.decode(errors="replace").strip()))
                return out
            if UNTAGGED_FETCH.match(first):
                out["fetches"] += 1
                if keep:
                    out["responses"].append(parts)
            elif first.startswith(b"* SEARCH"):
                out["search"] += [int(x) for x in first[8:].split()]
            elif first.endswith(b" EXISTS\r\n"):
                out["exists"] = int(first.split()[1])

    def login(self, user, password):
        def quote(s):
            return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')
        self.command("LOGIN %s %s" % (quote(user), quote(password)))

    def close(self):
        try:
            self.command("LOGOUT")
        except (RuntimeError, OSError):
            pass
        self.sock.close()


HEADERS = "UID FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)"


def uid_set(uids):
    return ",".join(str(u) for u in uids)


# ---------------------------------------------------------------- Dovecot

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dovecot:
    """A throwaway Dovecot as tests/provider/DovecotServer.cpp starts one: loopback,
    plain login, a passwd-file user, Maildir; as root its processes run as
    dovenull/dovecot/nobody, else as the current user."""

    def __init__(self, dir, user="bench", password="bench password"):
        self.dir, self.user, self.password = dir, user, password
        self.binary = shutil.which("dovecot") or next(
            (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None)
        if not self.binary:
            sys.exit("dovecot is not installed (Debian: dovecot-imapd; installers/install-deps.sh installs it)")
        if os.geteuid() == 0:
            self.login_user, self.internal, self.mail_user, self.mail_group = "dovenull", "dovecot", "nobody", "nogroup"
        else:
            self.login_user = self.internal = self.mail_user = pwd.getpwuid(os.geteuid()).pw_name
            self.mail_group = grp.getgrgid(os.getegid()).gr_name
        self.uid = pwd.getpwnam(self.mail_user).pw_uid
        self.gid = grp.getgrnam(self.mail_group).gr_gid
        os.chmod(dir, 0o755)  # the unprivileged processes must reach it
        self.maildir = os.path.join(dir, "mail", user)
        self.conf = os.path.join(dir, "dovecot.conf")
        self.master = None
        self.imap_port = None

    def give_mail_folder(self):
        if os.geteuid() != 0:
            return
        for d, dirs, files in os.walk(os.path.join(self.dir, "mail")):
            os.chown(d, self.uid, self.gid)
            for f in files:
                os.chown(os.path.join(d, f), self.uid, self.gid)

    def write_configuration(self):
        with open(os.path.join(self.dir, "passwd"), "w") as f:
            f.write("%s:{PLAIN}%s\n" % (self.user, self.password))
        d = self.dir
        conf = f"""# Throwaway benchmark configuration: loopback only, plain text allowed.
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {self.login_user}
default_internal_user = {self.internal}
mail_location = maildir:{d}/mail/%u
mail_uid = {self.mail_user}
mail_gid = {self.mail_group}
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={self.mail_user} gid={self.mail_group} home={d}/mail/%u
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""
        with open(self.conf, "w") as f:
            f.write(conf)

    def start(self):
        self.give_mail_folder()
        for _ in range(5):  # another process may take the port first: try a few
            self.imap_port = free_port()
            self.write_configuration()
            self.master = subprocess.Popen([self.binary, "-F", "-c", self.conf],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self.wait_for_greeting():
                return self
            self.stop()
        sys.exit("dovecot did not start: " + self.log())

    def wait_for_greeting(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.master.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.imap_port), timeout=5) as s:
                    if s.makefile("rb").readline().startswith(b"* OK"):
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def log(self):
        try:
            with open(os.path.join(self.dir, "dovecot.log"), errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.master is None or self.master.poll() is not None:
            return
        self.master.terminate()  # the master stops its children on SIGTERM
        try:
            self.master.wait(10)
        except subprocess.TimeoutExpired:
            subprocess.run(["doveadm", "-c", self.conf, "stop"], capture_output=True, timeout=30)
            try:
                self.master.wait(10)
            except subprocess.TimeoutExpired:
                self.master.kill()
                self.master.wait()


# ---------------------------------------------------------------- memory

def proc_status(pid, field):
    """A /proc/PID/status field in KiB (0 if the process is gone)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(root):
    """PIDs of every process under root (root included), from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


class MemorySampler(threading.Thread):
    """Every 0.2 s: the bridge's RSS, the sum of all Dovecot processes' RSS and the
    largest VmHWM of a Dovecot imap process (they exit at logout, so /proc forgets them)."""

    def __init__(self, bridge_pid, dovecot_pid):
        super().__init__(daemon=True)
        self.bridge_pid, self.dovecot_pid = bridge_pid, dovecot_pid
        self.bridge_peak = self.dovecot_sum_peak = self.imap_hwm = 0
        self.stopping = threading.Event()

    def sample(self):
        self.bridge_peak = max(self.bridge_peak, proc_status(self.bridge_pid, "VmRSS"))
        total = 0
        for pid in descendants(self.dovecot_pid):
            total += proc_status(pid, "VmRSS")
            if comm(pid) == "imap":
                self.imap_hwm = max(self.imap_hwm, proc_status(pid, "VmHWM"))
        self.dovecot_sum_peak = max(self.dovecot_sum_peak, total)

    def run(self):
        while not self.stopping.wait(0.2):
            self.sample()

    def stop(self):
        self.stopping.set()
        self.join()
        self.sample()


# ---------------------------------------------------------------- the benchmark

class Server:
    """One contender: its port, login, an open selected session and the UID of each Message-ID."""

    def __init__(self, name, port, user, password):
        self.name, self.port, self.user, self.password = name, port, user, password
        self.session = None
        self.uid_of = {}
        self.facts = {}  # Message-ID -> (flags, ENVELOPE/BODYSTRUCTURE/SIZE text)

    def connect(self):
        c = Imap(self.port)
        c.login(self.user, self.password)
        return c


MSGID = re.compile(rb"<[0-9a-f]{8}\.\d+@[^>\s\"]+>")
UID_RE = re.compile(rb"\bUID (\d+)")
TOKEN = re.compile(rb'\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([^\s()"]+))')


def parse_fetch(parts):
    """The items of one FETCH response as {name: value}, values as nested lists of
    atoms and strings (a literal and a quoted string with the same bytes are equal)."""
    strings, line = [], b""
    for i, p in enumerate(parts):
        if i % 2:
            strings.append(p)
            line += b" \x00%d " % (len(strings) - 1)
        else:
            line += LITERAL.sub(b"", p)
    line = line[line.index(b"FETCH") + 5:]
    stack, pos = [[]], 0
    while True:
        m = TOKEN.match(line, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group(1):
            stack.append([])
        elif m.group(2):
            done = stack.pop()
            stack[-1].append(done)
        elif m.group(3) is not None:
            stack[-1].append(re.sub(rb"\\(.)", rb"\1", m.group(3)))
        elif m.group(4).startswith(b"\x00"):
            stack[-1].append(strings[int(m.group(4)[1:])])
        else:
            atom = m.group(4)
            stack[-1].append(atom.upper() if atom.upper() == b"NIL" else atom)
    items = stack[0][0] if stack[0] and isinstance(stack[0][0], list) else []
    return {items[k].upper(): items[k + 1] for k in range(0, len(items) - 1, 2)}


def learn(server, responses):
    """Message-ID -> UID, and what to compare between the servers, from the warm-up sweep."""
    for parts in responses:
        items = parse_fetch(parts)
        env = items.get(b"ENVELOPE")
        if b"UID" not in items or not isinstance(env, list) or len(env) < 10:
            continue
        flags = sorted(f for f in items.get(b"FLAGS", []) if f != b"\\Recent")
        server.uid_of[env[9]] = int(items[b"UID"])
        server.facts[env[9]] = {"FLAGS": flags, "ENVELOPE": env, "BODYSTRUCTURE": items.get(b"BODYSTRUCTURE"),
                                "RFC822.SIZE": items.get(b"RFC822.SIZE")}


def warn(text):
    print("WARNING: " + text, flush=True)


def concurrent(server, clients, slices):
    """clients sessions at once, each: login, SELECT, the headers sweep, its bodies. Wall seconds."""
    barrier = threading.Barrier(clients + 1)
    errors, results = [], [None] * clients

    def one(k):
        try:
            barrier.wait()
            c = server.connect()
            sel = c.command("SELECT INBOX")
            h = c.command(HEADERS)
            b = c.command("UID FETCH %s BODY.PEEK[]" % uid_set(slices[k]))
            c.close()
            results[k] = (sel["exists"], h["fetches"], b["fetches"], b["literal_bytes"])
        except Exception as e:  # reported after the join
            errors.append("%s client %d: %s" % (server.name, k, e))

    threads = [threading.Thread(target=one, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    if errors:
        sys.exit("\n".join(errors))
    return seconds, results


def machine():
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / (1024 * 1024)
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%d cores (nproc %d) %s, %.1f GiB, Linux %s %s" % (
        os.cpu_count(), len(os.sched_getaffinity(0)), model, mem, os.uname().release, os.uname().machine)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--quick", action="store_true", help="1,000 messages, to try the bench quickly")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bodies", type=int, default=1_000, help="bodies fetched in step 4")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--client-bodies", type=int, default=100, help="bodies each concurrent client fetches")
    ap.add_argument("--repeat", type=int, default=3, help="times each step runs; the best is shown")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cachet-cli"))
    ap.add_argument("--workdir", help="keep the generated Maildir here (reused when present)")
    args = ap.parse_args()
    if args.quick:
        args.messages = 1_000

    if not os.access(args.cli, os.X_OK):
        sys.exit("no cachet-cli at %s: build first (bash installers/build.sh)" % args.cli)
    os.environ["CACHET_CLI"] = args.cli
    import bridge_fixture
    bridge_fixture.CLI = args.cli

    work = args.workdir or tempfile.mkdtemp(prefix="cachet-bridge-bench-")
    os.makedirs(work, exist_ok=True)
    bridge = dovecot = sampler = None
    sessions = []
    try:
        # The messages, the same bytes for both
        maildir = os.path.join(work, "Maildir-%d-%d" % (args.messages, args.seed))
        print("generating %d messages ..." % args.messages, flush=True)
        t = time.monotonic()
        tmp = maildir + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        facts = generate(tmp, args.messages, args.seed)  # always: it gives the expected answers
        if os.path.isdir(maildir):
            shutil.rmtree(tmp)
        else:
            os.rename(tmp, maildir)
        print("  %.1f MB in %.1f s; %d message(s) with %r, %d with %r"
              % (facts["bytes"] / 1e6, time.monotonic() - t, facts["rare"], RARE_WORD, facts["common"], COMMON_WORD),
              flush=True)

        # Cachet: a fresh profile, cachet-cli import, the bridge
        print("cachet-cli import ...", flush=True)
        bridge = bridge_fixture.Bridge()
        t = time.monotonic()
        out = bridge.run("import", maildir)
        import_secs = time.monotonic() - t
        summary = [l for l in out.stdout.decode().splitlines() if l.startswith("imported")]
        print("  %.1f s: %s" % (import_secs, summary[0] if summary else out.stdout.decode().strip()[-200:]), flush=True)
        bridge.start()

        # Dovecot: the same files as its user's Maildir
        print("starting dovecot ...", flush=True)
        ddir = tempfile.mkdtemp(prefix="cachet-bench-dovecot-")
        dovecot = Dovecot(ddir)
        shutil.copytree(maildir, dovecot.maildir)
        dovecot.start()

        cachet = Server("cachet", bridge.imap_port, bridge.user, bridge.password)
        dove = Server("dovecot", dovecot.imap_port, dovecot.user, dovecot.password)
        servers = [cachet, dove]
        sampler = MemorySampler(bridge.pid(), dovecot.master.pid)
        sampler.start()

        # Warm-up, untimed and the same on both: SELECT and the headers sweep (Dovecot
        # indexes the Maildir here), kept to map Message-IDs to UIDs and to compare.
        for s in servers:
            t = time.monotonic()
            s.session = s.connect()
            sessions.append(s.session)
            sel = s.session.command("SELECT INBOX")
            sweep = s.session.command(HEADERS, keep=True)
            learn(s, sweep["responses"])
            print("warm-up %-8s SELECT + headers sweep: %.2f s (%s EXISTS, %d FETCH)"
                  % (s.name, time.monotonic() - t, sel["exists"], sweep["fetches"]), flush=True)
            if sel["exists"] != args.messages or sweep["fetches"] != args.messages or len(s.uid_of) != args.messages:
                warn("%s shows %s messages, %d FETCH responses, %d Message-IDs; %d were generated"
                     % (s.name, sel["exists"], sweep["fetches"], len(s.uid_of), args.messages))

        common_ids = sorted(set(cachet.uid_of) & set(dove.uid_of))
        differ = {}
        for m in common_ids:
            for item, value in cachet.facts[m].items():
                if value != dove.facts[m][item]:
                    differ.setdefault(item, []).append(m)
        for item, ids in sorted(differ.items()):
            m = ids[0]
            warn("%s differs in %d of %d messages; first %s:\n  cachet:  %s\n  dovecot: %s"
                 % (item, len(ids), len(common_ids), m.decode(), cachet.facts[m][item], dove.facts[m][item]))

        # The same messages on both (by Message-ID; UIDs may be given in another order)
        pick = random.Random(args.seed + 1)
        body_ids = pick.sample(common_ids, min(args.bodies, len(common_ids)))
        client_ids = [pick.sample(common_ids, min(args.client_bodies, len(common_ids))) for _ in range(args.clients)]

        def uids(s, ids):
            return sorted(s.uid_of[m] for m in ids)

        steps = [
            ("SELECT INBOX", lambda s: s.session.command("SELECT INBOX"), "exists"),
            ("UID FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)", lambda s: s.session.command(HEADERS),
             "fetches"),
            ("UID SEARCH TEXT %s (rare)" % RARE_WORD,
             lambda s: s.session.command("UID SEARCH TEXT %s" % RARE_WORD), "search"),
            ("UID SEARCH TEXT %s (common)" % COMMON_WORD,
             lambda s: s.session.command("UID SEARCH TEXT %s" % COMMON_WORD), "search"),
            ("UID FETCH <%d UIDs> BODY.PEEK[]" % len(body_ids),
             lambda s: s.session.command("UID FETCH %s BODY.PEEK[]" % uid_set(uids(s, body_ids))), "bodies"),
        ]
        expected = {1: args.messages, 2: args.messages, 3: facts["rare"], 4: facts["common"], 5: len(body_ids)}
        rows = []
        for i, (name, run, what) in enumerate(steps, 1):
            print("timing %d. %s ..." % (i, name), flush=True)
            best, answers = {}, {}
            for _ in range(args.repeat):
                for s in servers:
                    t = time.monotonic()
                    r = run(s)
                    secs = time.monotonic() - t
                    best[s.name] = min(best.get(s.name, secs), secs)
                    if what == "search":
                        hits = set(r["search"])
                        answers[s.name] = (len(r["search"]), tuple(sorted(
                            m for m, u in s.uid_of.items() if u in hits)))
                    elif what == "bodies":
                        answers[s.name] = (r["fetches"], r["literal_bytes"])
                    else:
                        answers[s.name] = (r[what],)
            if answers["cachet"] != answers["dovecot"]:
                c, d = answers["cachet"], answers["dovecot"]
                if what == "search":  # the counts, and the Message-IDs only one of them found
                    c, d = (c[0], [m.decode() for m in set(c[1]) - set(d[1])][:5]), \
                           (d[0], [m.decode() for m in set(d[1]) - set(c[1])][:5])
                warn("step %d (%s): cachet answered %s, dovecot %s" % (i, name, c, d))
            for s in servers:
                if answers[s.name][0] != expected[i]:
                    warn("step %d (%s): %s answered %d, %d expected" % (i, name, s.name, answers[s.name][0], expected[i]))
            note = {"exists": "%d EXISTS", "fetches": "%d FETCH", "search": "%d hits",
                    "bodies": "%d bodies"}[what] % answers["cachet"][0]
            if what == "bodies":
                note += ", %.1f MB" % (answers["cachet"][1] / 1e6)
            rows.append((name, best["cachet"], best["dovecot"], note))

        # Bodies byte for byte (untimed)
        digests = {}
        for s in servers:
            r = s.session.command("UID FETCH %s BODY.PEEK[]" % uid_set(uids(s, body_ids)), keep=True)
            got = {}
            for parts in r["responses"]:  # lines and literals alternate; the UID is in a line
                u = UID_RE.search(b"".join(parts[0::2]))
                if u and len(parts) > 1:
                    got[int(u.group(1))] = hashlib.sha256(parts[1]).hexdigest()
            digests[s.name] = {m: got.get(s.uid_of[m]) for m in body_ids}
        bad = [m for m in body_ids if digests["cachet"][m] != digests["dovecot"][m]]
        if bad:
            warn("%d of %d bodies differ between cachet and dovecot (first: %s)" % (len(bad), len(body_ids), bad[0].decode()))

        # 5. concurrent clients
        name = "%d clients: login, SELECT, sweep, %d bodies each" % (args.clients, args.client_bodies)
        print("timing 6. %s ..." % name, flush=True)
        best, answers = {}, {}
        for _ in range(args.repeat):
            for s in servers:
                secs, results = concurrent(s, args.clients, [uids(s, ids) for ids in client_ids])
                best[s.name] = min(best.get(s.name, secs), secs)
                answers[s.name] = results
        if answers["cachet"] != answers["dovecot"]:
            warn("concurrent clients: cachet answered %s, dovecot %s" % (answers["cachet"], answers["dovecot"]))
        ok = all(r == (args.messages, args.messages, len(client_ids[k]), r[3]) for k, r in enumerate(answers["cachet"]))
        if not ok:
            warn("concurrent clients: cachet's answers are short: %s" % answers["cachet"])
        rows.append((name, best["cachet"], best["dovecot"],
                     "%.1f MB bodies" % (sum(r[3] for r in answers["cachet"]) / 1e6)))

        sampler.stop()
        bridge_hwm = proc_status(bridge.pid(), "VmHWM")

        print()
        print("%d messages, %.1f MB (seed %d); best of %d; cachet-cli import took %.1f s"
              % (args.messages, facts["bytes"] / 1e6, args.seed, args.repeat, import_secs))
        print("machine: %s" % machine())
        print("dovecot %s (no FTS plugin: SEARCH TEXT reads the messages, as the bridge does)"
              % subprocess.run([dovecot.binary, "--version"], capture_output=True, text=True).stdout.strip())
        print()
        width = max(len(r[0]) for r in rows)
        print("%-*s %10s %10s %8s  %s" % (width, "operation", "cachet s", "dovecot s", "ratio", "answer"))
        for name, c, d, note in rows:
            print("%-*s %10.4f %10.4f %8.2f  %s" % (width, name, c, d, c / d if d else float("inf"), note))
        print()
        print("ratio: cachet seconds / dovecot seconds (below 1: the bridge is faster).")
        print("memory: bridge peak RSS (VmHWM) %.0f MB; dovecot: largest imap process VmHWM %.0f MB, "
              "all its processes together at most %.0f MB (sampled every 0.2 s; bridge sampled %.0f MB)"
              % (bridge_hwm / 1024, sampler.imap_hwm / 1024, sampler.dovecot_sum_peak / 1024,
                 sampler.bridge_peak / 1024))
    finally:
        if sampler and sampler.is_alive():
            sampler.stop()
        for c in sessions:
            try:
                c.close()
            except Exception:
                pass
        if dovecot:
            dovecot.stop()
            shutil.rmtree(dovecot.dir, ignore_errors=True)
        if bridge:
            bridge.close()
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
