"""The bridge's IMAP and SMTP as raw exchanges, command by command: what a
mail program sends, byte for byte, and what it must get back (RFC 3501 and
the extensions the bridge announces). Includes pipelined commands, both kinds
of literal, and the untagged updates one session owes another."""

import base64
import re
import unittest

from bridge_fixture import Bridge
from raw_client import RawImap, RawSmtp


def msg(subject, body="body\r\n"):
    return ("From: me@localhost\r\nTo: you@example.org\r\nSubject: %s\r\n"
            "Date: Tue, 3 Mar 2026 10:00:00 +0100\r\n\r\n%s" % (subject, body)).encode()


class ImapProtocol(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()
        cls.cert = cls.bridge.certificate_file()
        cls.counter = 0

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def session(self):
        c = RawImap(self.bridge.imap_port)
        c.login(self.bridge.user, self.bridge.password)
        self.addCleanup(c.close)
        return c

    def fresh_mailbox(self, c, count=0):
        """A new mailbox holding `count` messages "m1".."mN", selected."""
        ImapProtocol.counter += 1
        name = "T%d" % ImapProtocol.counter
        self.assertTrue(c.command("CREATE " + name)[1].startswith(b"a OK"))
        for i in range(1, count + 1):
            m = msg("m%d" % i)
            self.assertIn(b"OK", c.command(b"APPEND %s {%d+}\r\n%s" % (name.encode(), len(m), m))[1])
        self.assertTrue(c.command("SELECT " + name)[1].startswith(b"a OK"))
        return name

    def ok(self, c, command):
        untagged, tagged = c.command(command)
        self.assertTrue(tagged.startswith(b"a OK"), (command, tagged))
        return untagged

    # --- not authenticated -------------------------------------------------

    def test_greeting_and_capabilities(self):
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        self.assertTrue(c.greeting.startswith(b"* OK [CAPABILITY IMAP4rev1 "))
        caps = c.command("CAPABILITY")[0][0].split()
        for cap in [b"IMAP4rev1", b"STARTTLS", b"AUTH=PLAIN", b"AUTH=LOGIN", b"IDLE", b"UIDPLUS", b"MOVE",
                    b"UNSELECT", b"ID", b"NAMESPACE", b"LITERAL+", b"ENABLE", b"CONDSTORE", b"SPECIAL-USE",
                    b"CHILDREN", b"MULTIAPPEND"]:
            self.assertIn(cap, caps)
        # Selected-state commands need a login first.
        self.assertTrue(c.command("SELECT INBOX")[1].startswith(b"a BAD"))
        self.assertTrue(c.command("NOOP")[1].startswith(b"a OK"))

    def test_login_forms(self):
        user, password = self.bridge.user.encode(), self.bridge.password.encode()
        # Synchronising literals: the client waits for "+" before each one.
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        c.send(b"a LOGIN {%d}\r\n" % len(user))
        self.assertTrue(c.line().startswith(b"+"))
        c.send(user + b" {%d}\r\n" % len(password))
        self.assertTrue(c.line().startswith(b"+"))
        c.send(password + b"\r\n")
        self.assertTrue(c.until_tagged(b"a")[1].startswith(b"a OK"))

        # AUTHENTICATE PLAIN with an initial response (SASL-IR), and with a continuation.
        plain = base64.b64encode(b"\0" + user + b"\0" + password)
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        self.assertTrue(c.command(b"AUTHENTICATE PLAIN " + plain)[1].startswith(b"a OK"))
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        c.send(b"a AUTHENTICATE PLAIN\r\n")
        self.assertTrue(c.line().startswith(b"+"))
        c.send(plain + b"\r\n")
        self.assertTrue(c.until_tagged(b"a")[1].startswith(b"a OK"))

        # AUTHENTICATE LOGIN: user name, then password, each after a challenge.
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        c.send(b"a AUTHENTICATE LOGIN\r\n")
        self.assertTrue(c.line().startswith(b"+"))
        c.send(base64.b64encode(user) + b"\r\n")
        self.assertTrue(c.line().startswith(b"+"))
        c.send(base64.b64encode(password) + b"\r\n")
        self.assertTrue(c.until_tagged(b"a")[1].startswith(b"a OK"))

        # A client may give up with "*".
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        c.send(b"a AUTHENTICATE PLAIN\r\n")
        c.line()
        c.send(b"*\r\n")
        self.assertTrue(c.until_tagged(b"a")[1].startswith(b"a BAD"))

    def test_starttls_then_login(self):
        c = RawImap(self.bridge.imap_port)
        self.addCleanup(c.close)
        c.starttls(self.cert)
        caps = c.command("CAPABILITY")[0][0]
        self.assertNotIn(b"STARTTLS", caps)  # not twice
        c.login(self.bridge.user, self.bridge.password)
        self.assertTrue(c.command("NOOP")[1].startswith(b"a OK"))

    def test_logout(self):
        c = self.session()
        untagged, tagged = c.command("LOGOUT")
        self.assertTrue(untagged[0].startswith(b"* BYE"))
        self.assertTrue(tagged.startswith(b"a OK"))
        self.assertTrue(c.closed_within(30))

    # --- authenticated -----------------------------------------------------

    def test_id_namespace_enable(self):
        c = self.session()
        self.assertTrue(self.ok(c, 'ID ("name" "test")')[0].startswith(b"* ID ("))
        self.assertEqual(self.ok(c, "NAMESPACE"), [b'* NAMESPACE (("" "/")) NIL NIL\r\n'])
        self.assertEqual(self.ok(c, "ENABLE CONDSTORE"), [b"* ENABLED CONDSTORE\r\n"])

    def test_create_delete_rename_with_hierarchy(self):
        c = self.session()
        self.ok(c, "CREATE Work/2026/Q1")
        lines = self.ok(c, 'LIST "" Work*')
        self.assertIn(b'* LIST (\\HasChildren) "/" Work\r\n', lines)
        self.assertIn(b'* LIST (\\HasChildren) "/" Work/2026\r\n', lines)
        self.assertIn(b'* LIST (\\HasNoChildren) "/" Work/2026/Q1\r\n', lines)
        # % stops at the hierarchy delimiter.
        self.assertEqual(self.ok(c, 'LIST "" Work/%'), [b'* LIST (\\HasChildren) "/" Work/2026\r\n'])
        self.assertTrue(c.command("CREATE Work")[1].startswith(b"a NO"))  # exists

        self.ok(c, "RENAME Work/2026 Work/Old")  # children follow
        lines = self.ok(c, 'LIST "" Work*')
        self.assertIn(b'* LIST (\\HasNoChildren) "/" Work/Old/Q1\r\n', lines)
        self.assertFalse([l for l in lines if b"2026" in l])
        self.assertTrue(c.command("RENAME Nowhere Else")[1].startswith(b"a NO"))

        # A mailbox with children is deleted to a \Noselect name that keeps them (RFC 3501 §6.3.4).
        self.ok(c, "DELETE Work/Old")
        lines = self.ok(c, 'LIST "" Work/*')
        self.assertIn(b"\\Noselect", b"".join(l for l in lines if b'"Work/Old"' in l or l.endswith(b" Work/Old\r\n")))
        self.assertTrue(c.command("SELECT Work/Old")[1].startswith(b"a NO"))
        self.ok(c, "DELETE Work/Old/Q1")
        self.assertTrue(c.command("DELETE INBOX")[1].startswith(b"a NO"))

    def test_non_ascii_names_are_modified_utf7(self):
        c = self.session()
        self.ok(c, "CREATE Entw&APw-rfe")  # "Entwürfe"
        self.assertIn(b'* LIST (\\HasNoChildren) "/" Entw&APw-rfe\r\n', self.ok(c, 'LIST "" Entw*'))
        self.assertTrue(c.command("CREATE Bad&Jjo")[1].startswith((b"a NO", b"a BAD")))  # unterminated

    def test_rename_inbox_moves_its_messages(self):
        c = self.session()
        c.command("SELECT INBOX")
        before = int([l for l in c.command("STATUS INBOX (MESSAGES)")[0]][0].split(b"MESSAGES ")[1].split(b")")[0])
        m = msg("to be renamed")
        self.ok(c, b"APPEND INBOX {%d+}\r\n%s" % (len(m), m))
        self.ok(c, "UNSELECT")
        self.ok(c, "RENAME INBOX Renamed-Inbox")
        status = self.ok(c, "STATUS INBOX (MESSAGES)")[0]
        self.assertIn(b"MESSAGES 0", status)  # INBOX stays, empty
        status = self.ok(c, "STATUS Renamed-Inbox (MESSAGES)")[0]
        self.assertIn(b"MESSAGES %d" % (before + 1), status)

    def test_subscribe_and_lsub(self):
        c = self.session()
        self.ok(c, "CREATE Sub/Child")
        self.ok(c, "UNSUBSCRIBE Sub/Child")
        self.assertEqual([l for l in self.ok(c, 'LSUB "" Sub/*')], [])
        self.ok(c, "SUBSCRIBE Sub/Child")
        self.assertEqual(self.ok(c, 'LSUB "" Sub/*'), [b'* LSUB () "/" Sub/Child\r\n'])
        # LIST's SUBSCRIBED selection and return options (RFC 5258), as Thunderbird asks.
        self.assertEqual(self.ok(c, 'LIST (SUBSCRIBED) "" Sub/*'),
                         [b'* LIST (\\HasNoChildren \\Subscribed) "/" Sub/Child\r\n'])
        self.ok(c, "UNSUBSCRIBE Sub/Child")
        self.assertEqual(self.ok(c, 'LIST "" Sub/* RETURN (SUBSCRIBED CHILDREN)'),
                         [b'* LIST (\\HasNoChildren) "/" Sub/Child\r\n'])

    def test_status_and_special_use(self):
        c = self.session()
        name = self.fresh_mailbox(c, 3)
        self.ok(c, "STORE 1 +FLAGS (\\Seen)")
        line = self.ok(c, "STATUS %s (MESSAGES UIDNEXT UIDVALIDITY UNSEEN RECENT HIGHESTMODSEQ)" % name)[0]
        self.assertRegex(line, rb"^\* STATUS T\d+ \(MESSAGES 3 UIDNEXT 4 UIDVALIDITY \d+ UNSEEN 2 RECENT 0 "
                               rb"HIGHESTMODSEQ \d+\)\r\n$")
        # CREATE-SPECIAL-USE (RFC 6154 §3), and LIST's SPECIAL-USE selection.
        self.ok(c, "CREATE Sent (USE (\\Sent))")
        self.assertIn(b"\\Sent", self.ok(c, 'LIST "" Sent')[0])
        self.assertEqual([l for l in self.ok(c, 'LIST (SPECIAL-USE) "" *')], [b'* LIST (\\HasNoChildren \\Sent) "/" Sent\r\n'])
        self.assertTrue(c.command("CREATE Bin (USE (\\Wastebasket))")[1].startswith(b"a NO [USEATTR]"))

    def test_append_forms(self):
        c = self.session()
        name = self.fresh_mailbox(c).encode()
        m = msg("with flags and date")
        tagged = c.command(b'APPEND %s (\\Flagged $Later) "05-Feb-2024 08:09:10 +0200" {%d+}\r\n%s'
                           % (name, len(m), m))[1]
        self.assertRegex(tagged, rb"^a OK \[APPENDUID \d+ 1\]")
        untagged = self.ok(c, "FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)")
        self.assertIn(b'INTERNALDATE " 5-Feb-2024 06:09:10 +0000"', untagged[-1])  # date-day-fixed
        self.assertIn(b"\\Flagged", untagged[-1])
        self.assertIn(b"$Later", untagged[-1])
        self.assertIn(b"RFC822.SIZE %d" % len(m), untagged[-1])

        # Synchronising literal: "+" before the bytes.
        c.send(b"a APPEND %s {%d}\r\n" % (name, len(m)))
        self.assertTrue(c.line().startswith(b"+"))
        c.send(m + b"\r\n")
        untagged, tagged = c.until_tagged(b"a")
        self.assertIn(b"* 2 EXISTS\r\n", untagged)

        # MULTIAPPEND: both or neither.
        tagged = c.command(b"APPEND %s {%d+}\r\n%s (\\Seen) {%d+}\r\n%s" % (name, len(m), m, len(m), m))[1]
        self.assertRegex(tagged, rb"^a OK \[APPENDUID \d+ 3:4\]")
        tagged = c.command(b"APPEND %s {%d+}\r\n%s (\\Bogus-Flag-With-Backslash) {%d+}\r\n%s"
                           % (name, len(m), m, len(m), m))[1]
        self.assertFalse(tagged.startswith(b"a OK"))
        self.assertIn(b"MESSAGES 4", self.ok(c, b"STATUS %s (MESSAGES)" % name)[0])
        self.assertTrue(c.command(b"APPEND NoSuchBox {%d+}\r\n%s" % (len(m), m))[1].startswith(b"a NO [TRYCREATE]"))

    # --- selected ----------------------------------------------------------

    def test_select_and_examine(self):
        c = self.session()
        name = self.fresh_mailbox(c, 2)
        untagged, tagged = c.command("SELECT " + name)
        self.assertIn(b"* 2 EXISTS\r\n", untagged)
        self.assertIn(b"* 0 RECENT\r\n", untagged)
        self.assertTrue([l for l in untagged if l.startswith(b"* FLAGS (")])
        self.assertTrue([l for l in untagged if l.startswith(b"* OK [UIDVALIDITY ")])
        self.assertIn(b"* OK [UIDNEXT 3] Predicted next UID.\r\n", untagged)
        self.assertTrue([l for l in untagged if b"[PERMANENTFLAGS (" in l and b"\\*" in l])
        self.assertTrue(tagged.startswith(b"a OK [READ-WRITE]"))
        untagged, tagged = c.command("EXAMINE " + name)
        self.assertTrue(tagged.startswith(b"a OK [READ-ONLY]"))
        self.assertTrue(c.command("STORE 1 +FLAGS (\\Seen)")[1].startswith(b"a NO"))
        self.assertTrue(c.command("EXPUNGE")[1].startswith(b"a NO"))
        # FETCH BODY[] in EXAMINE does not set \Seen.
        c.command("FETCH 1 BODY[]")
        c.command("SELECT " + name)
        self.assertNotIn(b"\\Seen", self.ok(c, "FETCH 1 FLAGS")[0])
        self.assertTrue(c.command("SELECT NoSuchBox")[1].startswith(b"a NO"))

    def test_fetch_items(self):
        c = self.session()
        self.fresh_mailbox(c, 2)
        m = msg("m1")
        untagged = self.ok(c, "FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE BODY)")
        self.assertIn(b"UID 1", untagged[0])
        self.assertIn(b'ENVELOPE ("Tue, 3 Mar 2026 10:00:00 +0100" "m1" ', untagged[0])
        self.assertIn(b'BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL)',
                      untagged[0])
        self.assertIn(b"BODY[HEADER.FIELDS (SUBJECT)] {15}\r\nSubject: m1\r\n\r\n",
                      self.ok(c, "FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")[0])
        self.assertIn(b"BODY[]<5> {4}\r\n" + m[5:9], self.ok(c, "FETCH 1 BODY.PEEK[]<5.4>")[0])
        self.assertIn(b"BODY[TEXT] {6}\r\nbody\r\n", self.ok(c, "FETCH 1 BODY.PEEK[TEXT]")[0])
        self.assertIn(b"RFC822.HEADER {%d}\r\n" % (len(m) - 6), self.ok(c, "FETCH 1 RFC822.HEADER")[0])
        # Macros, and a range answered in order.
        lines = self.ok(c, "FETCH 1:2 FAST")
        self.assertEqual([l.split()[1] for l in lines], [b"1", b"2"])
        # A fetch of BODY[] sets \Seen, and says so.
        lines = self.ok(c, "FETCH 2 BODY[]")
        self.assertIn(b"\\Seen", b"".join(lines))
        self.assertTrue(c.command("FETCH 3 FLAGS")[1].startswith(b"a BAD"))  # no message 3
        self.assertTrue(c.command("FETCH 1 (BOGUS)")[1].startswith(b"a BAD"))
        self.assertEqual(self.ok(c, "UID FETCH 99 FLAGS"), [])  # UID sets may name nothing

    def test_store_forms(self):
        c = self.session()
        self.fresh_mailbox(c, 3)
        lines = self.ok(c, "STORE 1:2 +FLAGS (\\Flagged)")
        self.assertEqual(len(lines), 2)
        self.assertEqual(self.ok(c, "STORE 1:2 +FLAGS.SILENT (\\Seen)"), [])
        self.assertIn(self.ok(c, "FETCH 1 FLAGS"), ([b"* 1 FETCH (FLAGS (\\Flagged \\Seen))\r\n"],
                                                     [b"* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n"]))
        self.ok(c, "STORE 1 -FLAGS (\\Flagged)")
        self.ok(c, "STORE 3 FLAGS ($Custom \\Answered)")
        self.assertIn(b"$Custom", self.ok(c, "FETCH 3 FLAGS")[0])
        lines = self.ok(c, "UID STORE 2 FLAGS (\\Draft)")
        self.assertIn(b"UID 2", lines[0])  # UID STORE answers with the UID
        # CONDSTORE: UNCHANGEDSINCE refuses a message changed since.
        modseq = int(re.search(rb"MODSEQ \((\d+)\)", self.ok(c, "FETCH 1 MODSEQ")[0]).group(1))
        self.ok(c, "STORE 1 +FLAGS (\\Answered)")
        tagged = c.command("STORE 1 (UNCHANGEDSINCE %d) +FLAGS (\\Deleted)" % modseq)[1]
        self.assertTrue(tagged.startswith(b"a OK [MODIFIED 1]"), tagged)
        self.assertNotIn(b"\\Deleted", self.ok(c, "FETCH 1 FLAGS")[0])
        self.assertTrue(c.command("STORE 1 +FLAGS (\\NotAFlag)")[1].startswith(b"a BAD"))

    def test_copy_move_expunge_close_unselect(self):
        c = self.session()
        dest = self.fresh_mailbox(c, 0)
        source = self.fresh_mailbox(c, 5)
        tagged = c.command("COPY 1:2 " + dest)[1]
        self.assertRegex(tagged, rb"^a OK \[COPYUID \d+ 1:2 1:2\]")
        untagged, tagged = c.command("UID MOVE 3 " + dest)
        self.assertTrue([l for l in untagged if l.startswith(b"* OK [COPYUID ")])
        self.assertIn(b"* 3 EXPUNGE\r\n", untagged)
        self.assertTrue(c.command("COPY 1 NoSuchBox")[1].startswith(b"a NO [TRYCREATE]"))

        # Now 4 messages: m1 m2 m4 m5. Each EXPUNGE number counts the ones before it.
        self.ok(c, "STORE 1,3 +FLAGS.SILENT (\\Deleted)")
        self.assertIn(self.ok(c, "EXPUNGE"), ([b"* 1 EXPUNGE\r\n", b"* 2 EXPUNGE\r\n"],
                                              [b"* 3 EXPUNGE\r\n", b"* 1 EXPUNGE\r\n"]))
        self.assertIn(b"m2", self.ok(c, "FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")[0])
        # UID EXPUNGE only removes the UIDs named.
        self.ok(c, "STORE 1:2 +FLAGS.SILENT (\\Deleted)")
        self.assertEqual(self.ok(c, "UID EXPUNGE 5"), [b"* 2 EXPUNGE\r\n"])
        # UNSELECT leaves \Deleted messages; CLOSE expunges them without a word.
        self.assertEqual(self.ok(c, "UNSELECT"), [])
        self.assertIn(b"MESSAGES 1", self.ok(c, "STATUS %s (MESSAGES)" % source)[0])
        self.ok(c, "SELECT " + source)
        self.assertEqual(self.ok(c, "CLOSE"), [])
        self.assertIn(b"MESSAGES 0", self.ok(c, "STATUS %s (MESSAGES)" % source)[0])
        self.assertTrue(c.command("FETCH 1 FLAGS")[1].startswith(b"a BAD"))  # no longer selected
        self.assertIn(b"MESSAGES 3", self.ok(c, "STATUS %s (MESSAGES)" % dest)[0])

    def test_search_and_check(self):
        c = self.session()
        self.fresh_mailbox(c, 4)
        self.ok(c, "STORE 2 +FLAGS (\\Seen)")
        self.assertEqual(self.ok(c, "SEARCH UNSEEN"), [b"* SEARCH 1 3 4\r\n"])
        self.assertEqual(self.ok(c, "UID SEARCH SUBJECT m3"), [b"* SEARCH 3\r\n"])
        self.assertEqual(self.ok(c, "SEARCH OR SUBJECT m1 SUBJECT m4"), [b"* SEARCH 1 4\r\n"])
        self.assertEqual(self.ok(c, "SEARCH NOT 1:2"), [b"* SEARCH 3 4\r\n"])
        self.assertEqual(self.ok(c, 'SEARCH SENTON 3-Mar-2026 BODY "body"'), [b"* SEARCH 1 2 3 4\r\n"])
        self.assertEqual(self.ok(c, "SEARCH SUBJECT nothing-like-this"), [b"* SEARCH\r\n"])
        self.assertTrue(c.command("SEARCH CHARSET KOI8-R TEXT x")[1].startswith(b"a NO [BADCHARSET"))
        self.assertTrue(c.command("SEARCH SENTON 31-Feb-2026")[1].startswith(b"a BAD"))
        self.ok(c, "CHECK")

    def test_pipelined_commands_answer_in_order(self):
        c = self.session()
        name = self.fresh_mailbox(c, 2).encode()
        c.send(b"p1 NOOP\r\np2 FETCH 1 UID\r\np3 STORE 2 +FLAGS.SILENT (\\Seen)\r\np4 SEARCH SEEN\r\n"
               b"p5 STATUS " + name + b" (MESSAGES)\r\np6 NOOP\r\n")
        tags = []
        untagged = []
        while len(tags) < 6:
            l = c.line()
            if l.startswith(b"*"):
                untagged.append(l)
            else:
                tags.append(l.split()[0])
                self.assertIn(b" OK ", l)
        self.assertEqual(tags, [b"p1", b"p2", b"p3", b"p4", b"p5", b"p6"])
        self.assertIn(b"* SEARCH 2\r\n", untagged)

    def test_literal_plus_inside_a_command(self):
        c = self.session()
        name = self.fresh_mailbox(c, 1)
        self.assertEqual(self.ok(c, b"SEARCH SUBJECT {2+}\r\nm1"), [b"* SEARCH 1\r\n"])
        self.ok(c, b"CREATE {6+}\r\nLit ab")
        self.assertIn(b'"Lit ab"', self.ok(c, 'LIST "" "Lit ab"')[0])


class TwoSessions(unittest.TestCase):
    """RFC 3501 §5.2 and §7.4.1: a session hears of others' changes at the next
    command that allows it, never EXPUNGE during FETCH, STORE or SEARCH, and its
    sequence numbers stay what it was told until then."""

    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def session(self):
        c = RawImap(self.bridge.imap_port)
        c.login(self.bridge.user, self.bridge.password)
        self.addCleanup(c.close)
        return c

    def test_updates_between_sessions(self):
        a, b = self.session(), self.session()
        a.command("CREATE Shared")
        for i in range(1, 5):
            m = msg("s%d" % i)
            a.command(b"APPEND Shared {%d+}\r\n%s" % (len(m), m))
        a.command("SELECT Shared")
        b.command("SELECT Shared")

        # b flags 1, expunges 2, appends one.
        b.command("STORE 1 +FLAGS (\\Flagged)")
        b.command("STORE 2 +FLAGS.SILENT (\\Deleted)")
        b.command("EXPUNGE")
        m = msg("s5")
        b.command(b"APPEND Shared {%d+}\r\n%s" % (len(m), m))

        # FETCH may carry flags and EXISTS but no EXPUNGE; a's numbers still count message 2.
        heard = []
        untagged, tagged = a.command("FETCH 3 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        heard += untagged
        self.assertTrue(tagged.startswith(b"a OK"))
        self.assertFalse([l for l in untagged if b"EXPUNGE" in l])
        self.assertIn(b"Subject: s3", b"".join(untagged))
        # The expunged message 2 itself can no longer be read: NO, not made-up data.
        untagged, tagged = a.command("FETCH 2 BODY.PEEK[]")
        heard += untagged
        self.assertFalse(tagged.startswith(b"a BAD"))
        self.assertFalse([l for l in untagged if b"EXPUNGE" in l])
        untagged, tagged = a.command("SEARCH ALL")
        heard += untagged
        self.assertFalse([l for l in untagged if b"EXPUNGE" in l])

        # NOOP brings the rest; by then a has heard of every change, once.
        untagged, _ = a.command("NOOP")
        heard += untagged
        self.assertEqual([l for l in heard if b"EXPUNGE" in l], [b"* 2 EXPUNGE\r\n"])
        self.assertEqual(len([l for l in heard if re.match(rb"\* 1 FETCH \(.*FLAGS \(\\Flagged\)", l)]), 1)
        # The new message was announced (as 5 before the expunge, or 4 after it).
        self.assertTrue(set(heard) & {b"* 5 EXISTS\r\n", b"* 4 EXISTS\r\n"})
        self.assertEqual(a.command("SEARCH ALL")[0], [b"* SEARCH 1 2 3 4\r\n"])
        lines = a.command("FETCH 4 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[0]
        self.assertIn(b"Subject: s5", b"".join(lines))

    def test_uid_commands_may_expunge(self):
        a, b = self.session(), self.session()
        a.command("CREATE Shared2")
        for i in range(1, 4):
            m = msg("u%d" % i)
            a.command(b"APPEND Shared2 {%d+}\r\n%s" % (len(m), m))
        a.command("SELECT Shared2")
        b.command("SELECT Shared2")
        b.command("STORE 1 +FLAGS.SILENT (\\Deleted)")
        b.command("EXPUNGE")
        untagged, _ = a.command("UID FETCH 1:* FLAGS")
        self.assertIn(b"* 1 EXPUNGE\r\n", untagged)  # allowed for UID FETCH (RFC 3501 §7.4.1)

    def test_idle(self):
        a, b = self.session(), self.session()
        a.command("CREATE Idle2")
        a.command("SELECT Idle2")
        a.send(b"i IDLE\r\n")
        self.assertTrue(a.line().startswith(b"+"))
        m = msg("while idle")
        b.command(b"APPEND Idle2 {%d+}\r\n%s" % (len(m), m))
        self.assertEqual(a.line(), b"* 1 EXISTS\r\n")
        b.command("SELECT Idle2")
        b.command("STORE 1 +FLAGS (\\Seen)")
        self.assertRegex(a.line(), rb"^\* 1 FETCH \(.*FLAGS \(\\Seen\)")
        b.command("STORE 1 +FLAGS.SILENT (\\Deleted)")
        a.line()
        b.command("EXPUNGE")
        self.assertEqual(a.line(), b"* 1 EXPUNGE\r\n")
        a.send(b"DONE\r\n")
        self.assertTrue(a.line().startswith(b"i OK"))


class SmtpProtocol(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def session(self, login=True):
        s = RawSmtp(self.bridge.smtp_port)
        self.addCleanup(s.close)
        self.assertTrue(s.greeting.startswith(b"220 "))
        s.command("EHLO client.example")
        if login:
            plain = base64.b64encode(b"\0" + self.bridge.user.encode() + b"\0" + self.bridge.password.encode())
            self.assertTrue(s.command(b"AUTH PLAIN " + plain).startswith(b"235 2.7.0"))
        return s

    def test_ehlo_announces_extensions(self):
        s = RawSmtp(self.bridge.smtp_port)
        self.addCleanup(s.close)
        ehlo = s.command("EHLO client.example")
        for ext in [b"SIZE 52428800", b"8BITMIME", b"PIPELINING", b"ENHANCEDSTATUSCODES", b"STARTTLS",
                    b"AUTH PLAIN LOGIN"]:
            self.assertIn(ext, ehlo)
        self.assertTrue(s.command("HELO client.example").startswith(b"250 "))

    def test_pipelined_submission(self):
        s = self.session()
        user = self.bridge.user.encode()
        s.send(b"MAIL FROM:<" + user + b"> BODY=8BITMIME SIZE=100\r\nRCPT TO:<a@example.org>\r\n"
               b"RCPT TO:<b@example.org>\r\nDATA\r\n")
        self.assertTrue(s.reply().startswith(b"250 2.1.0"))
        self.assertTrue(s.reply().startswith(b"250 2.1.5"))
        self.assertTrue(s.reply().startswith(b"250 2.1.5"))
        self.assertTrue(s.reply().startswith(b"354"))
        # Dot-stuffing: a line starting with "." is sent as "..".
        s.send(b"From: " + user + b"\r\nSubject: pipelined\r\n\r\n..leading dot\r\n\xc3\xa4 8bit\r\n.\r\n")
        self.assertTrue(s.reply().startswith(b"250 2.0.0"))
        self.assertTrue(s.command("QUIT").startswith(b"221"))

    def test_login_auth_and_errors(self):
        s = self.session(login=False)
        self.assertTrue(s.command("MAIL FROM:<%s>" % self.bridge.user).startswith(b"530 5.7.0"))
        self.assertTrue(s.command("AUTH LOGIN").startswith(b"334 "))
        self.assertTrue(s.command(base64.b64encode(self.bridge.user.encode())).startswith(b"334 "))
        self.assertTrue(s.command(base64.b64encode(self.bridge.password.encode())).startswith(b"235"))
        self.assertTrue(s.command("RCPT TO:<a@example.org>").startswith(b"503 5.5.1"))  # no MAIL yet
        self.assertTrue(s.command("MAIL FROM:<other@example.org>").startswith(b"553 5.7.1"))
        self.assertTrue(s.command("MAIL FROM:<%s> SIZE=999999999" % self.bridge.user).startswith(b"552 5.3.4"))
        self.assertTrue(s.command("MAIL FROM:<%s>" % self.bridge.user).startswith(b"250"))
        self.assertTrue(s.command("DATA").startswith(b"554 5.5.1"))  # no recipient yet
        self.assertTrue(s.command("RSET").startswith(b"250 2.0.0"))
        self.assertTrue(s.command("NOOP").startswith(b"250 2.0.0"))
        self.assertTrue(s.command("VRFY someone").startswith(b"252"))
        self.assertTrue(s.command("BOGUS").startswith(b"500 5.5.1"))
        self.assertTrue(s.command("MAIL FROM:<%s>" % self.bridge.user).startswith(b"250"))
        self.assertTrue(s.command("RCPT TO:<not an address").startswith(b"501 5.5.4"))
        self.assertTrue(s.command("QUIT").startswith(b"221 2.0.0"))


if __name__ == "__main__":
    unittest.main()
