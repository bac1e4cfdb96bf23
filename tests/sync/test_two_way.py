"""Two-way sync as a user sees it (issue 4): what a mail program does through
the bridge (flags, keywords, moves, copies, deletions, new messages, mailboxes
created, renamed and deleted) reaches the provider at the next sync, exactly
once; what another client does at the provider arrives in the store; a flag
changed on both sides keeps the local value; a mailbox the provider renumbers
(a new UIDVALIDITY) is bound again without downloading or doubling anything."""

import re
import time
import unittest

from provider_fixture import Provider, message
from sync_profile import ALICE, Profile, ProviderView, message_id

INBOX_SUBJECTS = ["Inbox %d" % i for i in range(1, 9)]
LISTS_SUBJECTS = ["List %d" % i for i in range(1, 3)]


class TwoWaySync(unittest.TestCase):
    IMAP_CAPABILITY = None  # Dovecot's own: CONDSTORE and QRESYNC among them

    def setUp(self):
        self.provider = Provider(imap_capability=self.IMAP_CAPABILITY)
        self.provider.start()
        self.addCleanup(self.provider.close)
        self.remote = ProviderView(self.provider)
        client = self.provider.imap(ALICE)
        for subject in INBOX_SUBJECTS:
            client.append("INBOX", None, None, message("bob@example.test", ALICE, subject))
        for name in ("Lists", "Trashcan"):
            self.assertEqual(client.create(name)[0], "OK")
        for subject in LISTS_SUBJECTS:
            client.append("Lists", "(\\Seen)", None, message("list@example.test", ALICE, subject))
        client.logout()

        self.profile = Profile(self.provider, self.provider.users[ALICE])
        self.addCleanup(self.profile.close)
        added = self.profile.add_account("plain")
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        self.profile.sync()

    def assert_same_everywhere(self):
        """Every provider mailbox is a local one with the same messages (none
        twice) and the same flags, and the other way round."""
        local = self.profile.mailboxes()
        remote = self.remote.mailboxes()
        self.assertEqual(set(local), {name.replace(".", "/") for name in remote})
        for name in remote:
            local_name = name.replace(".", "/")
            self.assertEqual(self.profile.message_ids(local_name), self.remote.message_ids(name), name)
            self.assertEqual(self.profile.flags(local_name), self.remote.flags(name), name)

    def test_changes_through_the_bridge_reach_the_provider(self):
        self.profile.start()
        client = self.profile.bridge_imap()
        self.assertEqual(client.create("Archive")[0], "OK")
        self.assertEqual(client.create("Projects/2026")[0], "OK")
        client.select("INBOX")
        uid_of = {}
        _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        for part in data:
            if isinstance(part, tuple):
                uid = int(re.search(rb"UID (\d+)", part[0]).group(1))
                uid_of[re.search(rb"<([^>]*)>", part[1]).group(1).decode()] = uid
        uid = {s: str(uid_of[message_id(s)]) for s in INBOX_SUBJECTS}
        self.assertEqual(client.uid("STORE", uid["Inbox 1"], "+FLAGS", "(\\Flagged)")[0], "OK")
        self.assertEqual(client.uid("STORE", uid["Inbox 2"], "+FLAGS", "(\\Seen $Work)")[0], "OK")
        self.assertEqual(client.uid("STORE", uid["Inbox 2"], "-FLAGS", "(\\Seen)")[0], "OK")
        self.assertEqual(client.uid("MOVE", uid["Inbox 3"], "Archive")[0], "OK")
        self.assertEqual(client.uid("COPY", uid["Inbox 4"], "Archive")[0], "OK")
        self.assertEqual(client.uid("STORE", uid["Inbox 5"], "+FLAGS", "(\\Deleted)")[0], "OK")
        self.assertEqual(client.expunge()[0], "OK")
        self.assertEqual(client.append("INBOX", "(\\Seen)", None,
                                       message(ALICE, "bob@example.test", "Written here"))[0], "OK")
        self.assertEqual(client.append("Projects/2026", None, None,
                                       message(ALICE, "bob@example.test", "Plan"))[0], "OK")
        self.assertEqual(client.rename("Lists", '"Mailing Lists"')[0], "OK")
        self.assertEqual(client.delete("Trashcan")[0], "OK")
        client.logout()
        self.profile.stop()

        out = self.profile.sync()
        self.assertRegex(out, r"local changes: \d+ applied at the provider, 0 refused, 0 waiting")

        self.assertEqual(self.remote.flags("INBOX")[message_id("Inbox 1")], {"\\Flagged"})
        self.assertEqual(self.remote.flags("INBOX")[message_id("Inbox 2")], {"$Work"})
        self.assertEqual(self.remote.message_ids("Archive"), sorted([message_id("Inbox 3"), message_id("Inbox 4")]))
        inbox = self.remote.message_ids("INBOX")
        self.assertNotIn(message_id("Inbox 3"), inbox)
        self.assertNotIn(message_id("Inbox 5"), inbox)
        self.assertIn(message_id("Inbox 4"), inbox)
        self.assertEqual(inbox.count(message_id("Written here")), 1)
        self.assertEqual(self.remote.flags("INBOX")[message_id("Written here")], {"\\Seen"})
        self.assertEqual(self.remote.message_ids("Projects.2026"), [message_id("Plan")])
        mailboxes = self.remote.mailboxes()
        self.assertIn("Mailing Lists", mailboxes)
        self.assertNotIn("Lists", mailboxes)
        self.assertNotIn("Trashcan", mailboxes)
        self.assertEqual(self.remote.message_ids("Mailing Lists"), sorted(message_id(s) for s in LISTS_SUBJECTS))
        self.assert_same_everywhere()

        # Everything is confirmed: the next sync has nothing to send or fetch.
        out = self.profile.sync()
        self.assertIn("0 new, 0 removed, 0 flag changes", out)
        self.assertNotIn("local changes", out)
        self.assert_same_everywhere()

    def test_changes_at_the_provider_arrive(self):
        client = self.provider.imap(ALICE)
        self.assertEqual(client.create("Receipts")[0], "OK")
        client.append("Receipts", None, None, message("shop@example.test", ALICE, "Receipt 1"))
        self.assertEqual(client.rename("Lists", "Newsletters")[0], "OK")
        self.assertEqual(client.delete("Trashcan")[0], "OK")
        client.select("INBOX")
        client.store("1", "+FLAGS", "(\\Answered $Later)")
        for subject, action in (("Inbox 6", "move"), ("Inbox 7", "delete")):
            _, data = client.search(None, "HEADER", "Message-ID", message_id(subject))
            if action == "move":
                self.assertEqual(client._simple_command("MOVE", data[0].decode(), "Newsletters")[0], "OK")
            else:
                client.store(data[0].decode(), "+FLAGS", "(\\Deleted)")
                client.expunge()
        client.logout()

        out = self.profile.sync()
        # The renamed mailbox keeps its messages: only the receipt and the moved message are downloaded.
        self.assertIn(" 2 new, 2 removed", out)
        local = self.profile.mailboxes()
        self.assertEqual(local.get("Receipts"), 1)
        self.assertEqual(local.get("Newsletters"), len(LISTS_SUBJECTS) + 1)
        self.assertNotIn("Lists", local)
        self.assertNotIn("Trashcan", local)
        self.assertEqual(self.profile.flags()[message_id("Inbox 1")], {"\\Answered", "$Later"})
        self.assertNotIn(message_id("Inbox 6"), self.profile.message_ids())
        self.assertNotIn(message_id("Inbox 7"), self.profile.message_ids())
        self.assertIn(message_id("Inbox 6"), self.profile.message_ids("Newsletters"))
        self.assert_same_everywhere()

    def test_a_flag_changed_on_both_sides_keeps_the_local_value(self):
        self.profile.start()
        client = self.profile.bridge_imap()
        client.select("INBOX")
        _, data = client.search(None, "HEADER", "Message-ID", message_id("Inbox 1"))
        self.assertEqual(client.store(data[0].decode(), "+FLAGS", "(\\Flagged)")[0], "OK")
        client.logout()
        self.profile.stop()

        at_provider = self.provider.imap(ALICE)
        at_provider.select("INBOX")
        for subject, flag in (("Inbox 1", "\\Seen"), ("Inbox 2", "\\Answered")):
            _, data = at_provider.search(None, "HEADER", "Message-ID", message_id(subject))
            at_provider.store(data[0].decode(), "+FLAGS", "(%s)" % flag)
        at_provider.logout()

        self.profile.sync()
        # Inbox 1 had a local change waiting: the local value wins on both sides.
        self.assertEqual(self.profile.flags()[message_id("Inbox 1")], {"\\Flagged"})
        self.assertEqual(self.remote.flags("INBOX")[message_id("Inbox 1")], {"\\Flagged"})
        # Inbox 2 had none: the provider's value arrives.
        self.assertEqual(self.profile.flags()[message_id("Inbox 2")], {"\\Answered"})
        self.assert_same_everywhere()

    def test_a_renumbered_mailbox_is_bound_again_without_downloading(self):
        before = self.remote.uid_validity("Lists")
        messages = self.provider.messages(ALICE, "Lists")
        for _ in range(10):
            client = self.provider.imap(ALICE)
            client.delete("Lists")
            client.create("Lists")
            for i, data in enumerate(messages):
                client.append("Lists", "(\\Seen \\Flagged)" if i == 0 else "(\\Seen)", None, data)
            client.logout()
            if self.remote.uid_validity("Lists") != before:
                break
            time.sleep(1.1)  # Dovecot's UIDVALIDITY is a clock: let it move
        self.assertNotEqual(self.remote.uid_validity("Lists"), before)

        out = self.profile.sync()
        self.assertIn("0 new", out)
        self.assertEqual(self.profile.message_ids("Lists"), sorted(message_id(s) for s in LISTS_SUBJECTS))
        self.assert_same_everywhere()

        # And the new UIDs are the ones bound: a change through the bridge reaches them.
        self.profile.start()
        client = self.profile.bridge_imap()
        client.select("Lists")
        _, data = client.search(None, "HEADER", "Message-ID", message_id("List 2"))
        client.store(data[0].decode(), "+FLAGS", "(\\Answered)")
        client.logout()
        self.profile.stop()
        self.profile.sync()
        self.assertEqual(self.remote.flags("Lists")[message_id("List 2")], {"\\Seen", "\\Answered"})


class TwoWaySyncWithoutCondstore(TwoWaySync):
    """The same against a provider without CONDSTORE and QRESYNC: flag changes
    found by a flag scan, expunges by comparing UID sets."""
    IMAP_CAPABILITY = ("IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES "
                       "MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH "
                       "SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SPECIAL-USE")


if __name__ == "__main__":
    unittest.main()
