#!/usr/bin/env python3
"""Sync benchmark: `cachet-cli sync --once` against mbsync, pulling from the same provider.

Starts the test provider (cachet-test-provider: a throwaway Dovecot on 127.0.0.1,
no SMTP), writes N generated messages (seeded: the same bytes every run; the
generator of bridge_bench.py: 1-50 KB, some multipart with an attachment,
non-ASCII names and text, 15 % unread) straight into its users' Maildirs, and
times, every contender a child of this process (wall time and CPU time from
wait4, peak RSS from GNU time), interleaved, best of --repeat, mbsync both with
its defaults (FSync yes) and with FSync no:
  1. initial sync of N messages in INBOX: a fresh profile against a fresh Maildir;
  2. the same through a proxy adding --rtt ms of round-trip time (latency only);
  3. a sync with nothing to do, N messages over 20 mailboxes, after a complete
     sync, directly and through the proxy.
After every run the result is checked against the provider: per mailbox the
number of messages, of unread ones and the set of Message-IDs. A difference is
printed as a WARNING. Not part of the test run. See README.md.
"""

import argparse
import asyncio
import json
import os
import pwd
import grp
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "sync"))

import bridge_bench  # noqa: E402  (its generate(): the same kind of messages, from a seed)
import provider_fixture  # noqa: E402

ALICE = "alice@example.test"  # scenarios 1 and 2: everything in INBOX
BOB = "bob@example.test"      # scenario 3: spread over 20 mailboxes
USERS = {ALICE: "alice's bench password", BOB: "bob's bench password"}
PASSPHRASE = "sync bench passphrase"
# Names without a special use (Cachet guesses \Archive, \Sent ... from names; mbsync does not).
FOLDERS = ["Lists", "Family", "Projects", "Receipts", "Travel", "Newsletters", "Work", "Friends", "Club",
           "Bank", "House", "School", "Photos", "Conference", "Kernel", "Garden", "Music", "Sport", "Later"]
KINDS = ["cachet", "mbsync", "mbsync-nofsync"]
KIND_NAMES = {"cachet": "cachet", "mbsync": "mbsync", "mbsync-nofsync": "mbsync FSync no"}
TIME = "/usr/bin/time"  # GNU time (Debian: time), for the peak RSS
MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^>]*)>", re.I | re.M)


def warn(text):
    print("WARNING: " + text, flush=True)


# ---------------------------------------------------------------- running a contender

class Run:
    """One finished child: wall seconds, peak RSS (MB), CPU seconds, exit status, output."""

    def __init__(self, wall, rss_mb, cpu, rc, out, err):
        self.wall, self.rss_mb, self.cpu, self.rc, self.out, self.err = wall, rss_mb, cpu, rc, out, err


def measured(argv, env, work):
    """Runs argv under GNU time; wall time around fork..wait4, CPU (user + system) from wait4,
    peak RSS from time's %M. Not wait4's ru_maxrss: exec keeps the largest RSS the process
    had before, and a child of this script starts as a copy of it, tens of MB."""
    with tempfile.TemporaryFile(dir=work) as out, tempfile.TemporaryFile(dir=work) as err, \
            tempfile.NamedTemporaryFile(dir=work) as peak:
        start = time.monotonic()
        p = subprocess.Popen([TIME, "-f", "%M", "-o", peak.name, *argv], env=env, stdin=subprocess.DEVNULL,
                             stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        try:
            rss_kb = int(open(peak.name).read().split()[-1])
        except (ValueError, IndexError):
            rss_kb = 0
        return Run(wall, rss_kb / 1024, usage.ru_utime + usage.ru_stime, p.returncode,
                   out.read().decode(errors="replace"), err.read().decode(errors="replace"))


class CachetProfile:
    """A fresh profile (cachet-cli init --kdf interactive) with one account on `port`."""

    def __init__(self, cli, work, name, user, port):
        self.cli, self.work = cli, work
        self.dir = os.path.join(work, name)
        self.env = dict(os.environ, CACHET_PROFILE=self.dir, CACHET_PASSPHRASE=PASSPHRASE,
                        CACHET_ACCOUNT_PASSWORD=USERS[user])
        self.run("init", "--kdf", "interactive")
        # No SMTP runs (--no-smtp): the port is never used, the outbox stays empty.
        self.run("account", "add", "--address", user, "--imap", "127.0.0.1:%d" % port, "--imap-security", "plain",
                 "--smtp", "127.0.0.1:%d" % port, "--smtp-security", "plain", "--no-test")

    def run(self, *args):
        r = subprocess.run([self.cli, *args], env=self.env, capture_output=True, timeout=3600)
        if r.returncode != 0:
            sys.exit("cachet-cli %s failed (%d): %s" % (" ".join(args), r.returncode,
                                                       (r.stdout + r.stderr).decode(errors="replace")[-2000:]))
        return r.stdout.decode()

    def sync(self):
        return measured([self.cli, "sync", "--once"], self.env, self.work)

    def contents(self, limit):
        """{mailbox: (messages, unread, set of Message-IDs)} from the store."""
        out = {}
        for box in json.loads(self.run("mailboxes", "--json")):
            rows = json.loads(self.run("list", "--mailbox", box["name"], "--json", "--limit", str(limit)))
            ids = {r["message_id"] for r in rows}
            out[box["name"]] = (box["messages"], box["unread"], ids, len(rows))
        return out

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class MbsyncMaildir:
    """A fresh Maildir and an mbsyncrc pulling every mailbox of `user` from `port`."""

    def __init__(self, work, name, user, port, fsync=True):
        self.work = work
        self.dir = os.path.join(work, name)
        self.maildir = os.path.join(self.dir, "mail")
        os.makedirs(self.maildir)
        self.rc = os.path.join(self.dir, "mbsyncrc")
        with open(self.rc, "w") as f:
            f.write("""# sync_bench.py: loopback, plain LOGIN, pull only
FSync {fsync}

IMAPAccount provider
Host 127.0.0.1
Port {port}
User {user}
Pass "{password}"
SSLType None
AuthMechs LOGIN

IMAPStore far
Account provider

MaildirStore near
Path {maildir}/
Inbox {maildir}/INBOX
SubFolders Verbatim

Channel bench
Far :far:
Near :near:
Patterns *
Create Near
Sync Pull
SyncState *
""".format(fsync="yes" if fsync else "no", port=port, user=user, password=USERS[user], maildir=self.maildir))
        os.chmod(self.rc, 0o600)
        self.env = dict(os.environ, HOME=self.dir)  # nothing of the real home is read or written
        self.last_run = 0.0

    def sync(self):
        # mbsync sleeps up to a second when a Maildir folder changed within the current
        # second (its timestamp race guard): start once the last run's second is over.
        wait = self.last_run + 1.2 - time.time()
        if wait > 0:
            time.sleep(wait)
        r = measured(["mbsync", "-c", self.rc, "-a"], self.env, self.work)
        self.last_run = time.time()
        if "sleeping due to recent directory modification" in r.err:
            warn("mbsync slept a second (a Maildir folder changed within the second): its time includes it")
        return r

    def contents(self):
        out = {}
        for d, dirs, files in os.walk(self.maildir):
            if not ("cur" in dirs and "new" in dirs):
                continue
            name = os.path.relpath(d, self.maildir)
            ids, count, unread = set(), 0, 0
            for sub in ("cur", "new"):
                for fn in os.listdir(os.path.join(d, sub)):
                    count += 1
                    flags = fn.rsplit(":2,", 1)[1] if ":2," in fn else ""
                    unread += "S" not in flags
                    with open(os.path.join(d, sub, fn), "rb") as f:
                        head = f.read(65536).split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
                    m = MESSAGE_ID.search(head)
                    if m:
                        ids.add(m.group(1).decode(errors="replace"))
            out[name] = (count, unread, ids, count)
        return out

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def check(who, got, expected):
    """got/expected: {mailbox: (messages, unread, ids, rows)}. Prints WARNINGs; True when equal."""
    ok = True
    for box, (count, unread, ids, _) in sorted(expected.items()):
        if box not in got:
            warn("%s: mailbox %s missing (%d messages at the provider)" % (who, box, count))
            ok = False
            continue
        g = got[box]
        if (g[0], g[1], g[3]) != (count, unread, count) or g[2] != ids:
            warn("%s: %s holds %d messages (%d listed), %d unread, %d Message-IDs (%d missing, %d extra); "
                 "the provider %d, %d unread, %d Message-IDs"
                 % (who, box, g[0], g[3], g[1], len(g[2]), len(ids - g[2]), len(g[2] - ids), count, unread, len(ids)))
            ok = False
    extra = set(k for k, v in got.items() if v[0]) - set(expected)
    if extra:
        warn("%s: mailboxes with messages the provider does not have: %s" % (who, sorted(extra)))
        ok = False
    return ok


# ---------------------------------------------------------------- the provider's mail

def populate(provider, work, seed, count, mailboxes):
    """Generates `count` messages into ALICE's INBOX and `count` (another seed) over
    `mailboxes` mailboxes of BOB's, written as files into the provider's Maildirs
    (Maildir++: INBOX at the top, .Name for the others). Returns the bytes written."""
    total = 0
    alice = provider.maildir(ALICE)
    total += bridge_bench.generate(alice, count, seed)["bytes"]

    gen = os.path.join(work, "generated")
    total += bridge_bench.generate(gen, count, seed + 1000)["bytes"]
    bob = provider.maildir(BOB)
    names = ["INBOX"] + FOLDERS[:mailboxes - 1]
    weights = [6.0] + [1.0 / (k + 1) ** 0.6 for k in range(len(names) - 1)]  # INBOX biggest, a long tail
    rng = random.Random(seed + 2000)
    files = sorted((sub, fn) for sub in ("cur", "new") for fn in os.listdir(os.path.join(gen, sub)))
    # Every mailbox gets at least one message; the rest by weight.
    chosen = names[:] + rng.choices(names, weights, k=len(files) - len(names)) if len(files) >= len(names) \
        else rng.choices(names, weights, k=len(files))
    for name in names:
        d = bob if name == "INBOX" else os.path.join(bob, "." + name)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        if name != "INBOX":
            open(os.path.join(d, "maildirfolder"), "w").close()
    for (sub, fn), name in zip(files, chosen):
        d = bob if name == "INBOX" else os.path.join(bob, "." + name)
        os.rename(os.path.join(gen, sub, fn), os.path.join(d, sub, fn))
    shutil.rmtree(gen)

    if os.geteuid() == 0:  # Dovecot's mail processes run as nobody (tests/provider/DovecotServer.cpp)
        uid, gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
        for top in (alice, bob):
            os.chown(top, uid, gid)
            for d, dirs, fs in os.walk(top):
                for x in dirs + fs:
                    os.chown(os.path.join(d, x), uid, gid)
    return total


FETCH_LINE = re.compile(rb"FLAGS \(([^)]*)\)")


def provider_contents(provider, user):
    """{mailbox: (messages, unread, Message-IDs, messages)} over IMAP. Also the warm-up: SELECT
    moves new/ to cur/ and Dovecot indexes every mailbox; the sweep asks what both contenders
    ask first (flags, sizes, dates, the Message-ID header), so neither pays Dovecot's first look."""
    c = provider.imap(user)
    out = {}
    try:
        status, boxes = c.list()
        names = []
        for line in boxes:
            m = re.match(rb'\(([^)]*)\) (?:"[^"]*"|NIL) (.*)$', line)
            name = m.group(2).decode()
            names.append(name[1:-1] if name.startswith('"') else name)
        for name in names:
            c.select('"%s"' % name)
            status, data = c.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE "
                                                 "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            ids, count, unread = set(), 0, 0
            for part in data:
                if not isinstance(part, tuple):
                    continue
                count += 1
                f = FETCH_LINE.search(part[0])
                unread += not (f and b"\\Seen" in f.group(1).split())
                m = MESSAGE_ID.search(part[1])
                if m:
                    ids.add(m.group(1).decode(errors="replace"))
            out[name] = (count, unread, ids, count)
            c.close()
    finally:
        c.logout()
    return out


# ---------------------------------------------------------------- a delaying proxy

class DelayProxy(threading.Thread):
    """127.0.0.1:port -> 127.0.0.1:target, every chunk held `delay` seconds in each
    direction, in order: round-trip time 2 * delay, no bandwidth limit (up to 16 MB
    held per direction, like a long fat pipe's buffers). Counts the bytes it carries."""

    HELD_MAX = 16 << 20

    def __init__(self, target, delay):
        super().__init__(daemon=True)
        self.target, self.delay = target, delay
        self.bytes_up = self.bytes_down = 0
        self.ready = threading.Event()
        self.loop = None
        self.port = None

    def run(self):
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.serve())

    async def serve(self):
        self.stopping = asyncio.Event()
        server = await asyncio.start_server(self.session, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        await self.stopping.wait()
        server.close()
        await server.wait_closed()

    async def session(self, client_r, client_w):
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            client_w.close()
            return
        for w in (client_w, server_w):
            w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            await asyncio.gather(self.pipe(client_r, server_w, True), self.pipe(server_r, client_w, False))
        except (ConnectionError, OSError):
            pass
        finally:
            for w in (client_w, server_w):
                w.close()

    async def pipe(self, src, dst, up):
        loop = asyncio.get_running_loop()
        queue = asyncio.Queue()
        held = [0]
        room = asyncio.Event()
        room.set()

        async def reading():
            while True:
                await room.wait()
                data = await src.read(1 << 16)
                queue.put_nowait((loop.time() + self.delay, data))
                if not data:
                    return
                held[0] += len(data)
                if held[0] > self.HELD_MAX:
                    room.clear()

        async def writing():
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if dst.can_write_eof():
                        dst.write_eof()
                    return
                dst.write(data)
                held[0] -= len(data)
                if held[0] <= self.HELD_MAX:
                    room.set()
                if up:
                    self.bytes_up += len(data)
                else:
                    self.bytes_down += len(data)
                await dst.drain()

        r = asyncio.ensure_future(reading())
        try:
            await writing()
        finally:
            r.cancel()

    def start_listening(self):
        self.start()
        self.ready.wait(10)
        return self.port

    def stop(self):
        if self.loop and self.is_alive():
            self.loop.call_soon_threadsafe(self.stopping.set)
            self.join(10)


# ---------------------------------------------------------------- the benchmark

def machine():
    return bridge_bench.machine()


def best(runs):
    return {"wall": min(r.wall for r in runs), "rss": max(r.rss_mb for r in runs), "cpu": min(r.cpu for r in runs)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=10_000, help="messages per scenario (default 10,000)")
    ap.add_argument("--quick", action="store_true", help="500 messages, to try the bench quickly")
    ap.add_argument("--mailboxes", type=int, default=20, help="mailboxes of the no-change scenario")
    ap.add_argument("--rtt", type=float, default=50, help="round-trip time through the proxy, ms (default 50)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="times each timed run is done; the best is shown")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cachet-cli"))
    ap.add_argument("--provider", default=os.path.join(ROOT, "build", "tests", "cachet-test-provider"))
    args = ap.parse_args()
    if args.quick:
        args.messages = 500
    args.mailboxes = max(1, min(args.mailboxes, len(FOLDERS) + 1))
    for path, what in ((args.cli, "cachet-cli"), (args.provider, "cachet-test-provider")):
        if not os.access(path, os.X_OK):
            sys.exit("no %s at %s: build first (cmake --build build)" % (what, path))
    if not os.access(TIME, os.X_OK):
        sys.exit("no GNU time at %s (Debian: apt-get install time): it gives the peak RSS" % TIME)
    if not shutil.which("mbsync"):
        sys.exit("mbsync is not installed (Debian: apt-get install isync)")
    provider_fixture.PROGRAM = args.provider
    limit = max(100_000, 2 * args.messages)

    work = tempfile.mkdtemp(prefix="cachet-sync-bench-")
    os.chmod(work, 0o700)
    provider = proxy = None
    made = []  # profiles and Maildirs still on disk
    rows = []  # (figure, cachet, mbsync, unit)
    notes = []
    all_ok = True
    try:
        load_at_start = os.getloadavg()[0]
        print("starting the provider ...", flush=True)
        provider = provider_fixture.Provider(users=USERS, smtp=False).start()
        print("generating 2 x %d messages into its Maildirs ..." % args.messages, flush=True)
        t = time.monotonic()
        total = populate(provider, work, args.seed, args.messages, args.mailboxes)
        print("  %.1f MB in %.1f s" % (total / 1e6, time.monotonic() - t), flush=True)
        t = time.monotonic()
        expected = {u: provider_contents(provider, u) for u in (ALICE, BOB)}
        print("  provider warmed up in %.1f s: %s INBOX %d messages; %s %d mailboxes, %d messages"
              % (time.monotonic() - t, ALICE, expected[ALICE]["INBOX"][0], BOB, len(expected[BOB]),
                 sum(v[0] for v in expected[BOB].values())), flush=True)
        inbox_bytes = total / 2  # about: the two users' mail is generated alike

        proxy = DelayProxy(provider.imap_port, args.rtt / 2000.0)
        proxy_port = proxy.start_listening()
        links = [("0 ms", provider.imap_port), ("%g ms RTT" % args.rtt, proxy_port)]
        serial = [0]

        def fresh(kind, user, port):
            serial[0] += 1
            name = "%s-%d" % (kind, serial[0])
            if kind == "cachet":
                obj = CachetProfile(args.cli, work, name, user, port)
            else:
                obj = MbsyncMaildir(work, name, user, port, fsync=(kind == "mbsync"))
            made.append(obj)
            return obj

        def done(obj):
            obj.remove()
            made.remove(obj)

        def contents(obj):
            return obj.contents(limit) if isinstance(obj, CachetProfile) else obj.contents()

        def checked(who, obj, run, user, expect_new=None):
            nonlocal all_ok
            if run.rc != 0:
                warn("%s exited with %d: %s" % (who, run.rc, (run.out + run.err)[-1000:]))
                all_ok = False
            if isinstance(obj, CachetProfile) and expect_new is not None:
                want = "%d new, 0 removed, 0 flag changes" % expect_new
                if want not in run.out:
                    warn("%s: expected '%s', said: %s" % (who, want, run.out.strip()[-300:]))
                    all_ok = False
            all_ok &= check(who, contents(obj), expected[user])

        def timed(kind, obj, port, what):
            # Each run starts with nothing dirty in the page cache: the previous run's writes
            # (Cachet's WAL and checkpoints, mbsync's files) would otherwise be written back
            # during this one and throttle its writes and fsyncs.
            os.sync()
            proxy.bytes_up = proxy.bytes_down = 0
            r = obj.sync()
            traffic = ""
            if port == proxy_port:
                traffic = "  (%.0f KB up, %.0f KB down)" % (proxy.bytes_up / 1e3, proxy.bytes_down / 1e3)
            print("  %-14s %-10s %8.3f s  %5.0f MB peak RSS  %7.3f CPU s%s"
                  % (KIND_NAMES[kind], what, r.wall, r.rss_mb, r.cpu, traffic), flush=True)
            return r

        def rotate(i):
            return KINDS[i % len(KINDS):] + KINDS[:i % len(KINDS)]  # who goes first changes each round

        # 1 and 2: initial sync of INBOX, fresh each time
        for label, port in links:
            runs = {k: [] for k in KINDS}
            print("initial sync, %d messages in INBOX, %s ..." % (args.messages, label), flush=True)
            for i in range(args.repeat):
                for kind in rotate(i):
                    obj = fresh(kind, ALICE, port)
                    r = timed(kind, obj, port, "initial")
                    checked("%s initial sync %s run %d" % (kind, label, i + 1), obj, r, ALICE,
                            expect_new=args.messages)
                    done(obj)
                    runs[kind].append(r)
            b = {k: best(v) for k, v in runs.items()}
            fig = "initial sync, %d msgs in INBOX, %s" % (args.messages, label)
            rows.append((fig + ": wall s", {k: b[k]["wall"] for k in KINDS}, "s"))
            rows.append((fig + ": peak RSS MB", {k: b[k]["rss"] for k in KINDS}, "MB"))
            rows.append((fig + ": CPU s", {k: b[k]["cpu"] for k in KINDS}, "s"))

        # 3: no-change sync over `mailboxes` mailboxes, after a complete sync
        nbox = len(expected[BOB])
        unlock = []
        for label, port in links:
            print("%d messages in %d mailboxes, %s: complete sync, then syncs with nothing to do ..."
                  % (args.messages, nbox, label), flush=True)
            objs = {k: fresh(k, BOB, port) for k in KINDS}
            first = {}
            for kind in KINDS:
                r = first[kind] = timed(kind, objs[kind], port, "complete")
                checked("%s complete sync (%d mailboxes) %s" % (kind, nbox, label), objs[kind], r, BOB,
                        expect_new=args.messages)
            runs = {k: [] for k in KINDS}
            for i in range(args.repeat):
                for kind in rotate(i):
                    r = timed(kind, objs[kind], port, "no-change")
                    checked("%s no-change sync %s run %d" % (kind, label, i + 1), objs[kind], r, BOB, expect_new=0)
                    runs[kind].append(r)
            if port == provider.imap_port:
                # What any cachet-cli command costs before it syncs: start, unlock (KDF), open the store.
                for _ in range(args.repeat):
                    unlock.append(measured([args.cli, "status"], objs["cachet"].env, work))
            b = {k: best(v) for k, v in runs.items()}
            fig = "no-change sync, %d msgs in %d mailboxes, %s" % (args.messages, nbox, label)
            rows.append((fig + ": wall s", {k: b[k]["wall"] for k in KINDS}, "s"))
            rows.append((fig + ": peak RSS MB", {k: b[k]["rss"] for k in KINDS}, "MB"))
            rows.append(("(one run) complete sync, %d msgs in %d mailboxes, %s: wall s" % (args.messages, nbox, label),
                         {k: first[k].wall for k in KINDS}, "s"))
            for obj in objs.values():
                done(obj)
        notes.append("`cachet-cli status` on the synced profile (start, unlock with the interactive KDF: Argon2id, "
                     "64 MiB; open the store; no network): best %.3f s, %.0f MB peak RSS; every Cachet figure "
                     "above includes it." % (min(r.wall for r in unlock), max(r.rss_mb for r in unlock)))

        print()
        print("%d messages per scenario, %.1f MB in INBOX (seed %d); best of %d; proxy RTT %g ms"
              % (args.messages, inbox_bytes / 1e6, args.seed, args.repeat, args.rtt))
        print("machine: %s; load average at the start %.2f, at the end %.2f"
              % (machine(), load_at_start, os.getloadavg()[0]))
        print("%s; %s" % (subprocess.run(["mbsync", "--version"], capture_output=True, text=True).stdout.strip(),
                          "dovecot " + subprocess.run(["dovecot", "--version"], capture_output=True,
                                                      text=True).stdout.strip()))
        print()
        width = max(len(r[0]) for r in rows)
        print("%-*s %10s %10s %8s %14s %8s"
              % (width, "figure", "cachet", "mbsync", "ratio", "mbsync FSync no", "ratio"))
        for fig, v, unit in rows:
            fmt = "%10.3f" if unit == "s" else "%10.0f"
            c, m, n = v["cachet"], v["mbsync"], v["mbsync-nofsync"]
            print(("%-*s " + fmt + " " + fmt + " %8.2f " + fmt.replace("10", "15") + " %8.2f")
                  % (width, fig, c, m, c / m if m else float("inf"), n, c / n if n else float("inf")))
        print()
        print("ratio: cachet / mbsync (below 1: Cachet is faster or smaller). Peak RSS: the largest of the runs.")
        print("mbsync: its defaults (FSync yes: fsync per message), and FSync no for comparison; Cachet's store")
        print("commits one SQLite transaction per batch of messages (WAL, synchronous = FULL).")
        for n in notes:
            print(n)
        print("correctness: %s" % ("every run's mailboxes, message counts, unread counts and Message-IDs matched "
                                   "the provider" if all_ok else "SEE THE WARNINGS ABOVE"))
    finally:
        if proxy:
            proxy.stop()
        for obj in list(made):
            obj.remove()
        if provider:
            provider.close()  # removes its folder and the mail in it
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
