#include "store/Schema.h"

#include "search/SearchIndex.h"
#include "store/Sqlite.h"

#include <functional>
#include <string>
#include <vector>

namespace cachet::store {

namespace {

// Version 1: the document split (ARCHITECTURE.md, "The store").
constexpr const char* kVersion1 = R"sql(
-- Immutable: the bytes of one leaf MIME body, keyed by SHA-256 of those bytes.
CREATE TABLE part (
    id      INTEGER PRIMARY KEY,
    hash    BLOB NOT NULL UNIQUE,
    size    INTEGER NOT NULL,          -- bytes before compression
    codec   INTEGER NOT NULL,          -- store/Compression.h: 0 stored as is, 1 zlib, 2 base64 lines
    data    BLOB NOT NULL
);
-- Immutable: a message, keyed by SHA-256 of its raw bytes. The skeleton is the raw
-- message with every leaf body cut out; message_part says where each goes back.
CREATE TABLE message (
    id              INTEGER PRIMARY KEY,
    hash            BLOB NOT NULL UNIQUE,
    size            INTEGER NOT NULL,
    skeleton        BLOB NOT NULL,
    skeleton_size   INTEGER NOT NULL,  -- bytes before compression
    skeleton_codec  INTEGER NOT NULL,
    envelope        TEXT NOT NULL,      -- IMAP ENVELOPE, ready to serve
    bodystructure   TEXT NOT NULL,      -- IMAP BODYSTRUCTURE (extended)
    body            TEXT NOT NULL,      -- IMAP BODY (non-extended)
    date            INTEGER,            -- Date: header, seconds since epoch
    subject         TEXT NOT NULL,
    from_text       TEXT NOT NULL,
    to_text         TEXT NOT NULL,
    cc_text         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    in_reply_to     TEXT NOT NULL,
    references_ids  TEXT NOT NULL,      -- space separated
    preview         TEXT NOT NULL,
    has_attachment  INTEGER NOT NULL,
    pgp_status      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX message_by_message_id ON message(message_id);
CREATE TABLE message_part (
    message_id  INTEGER NOT NULL REFERENCES message(id),
    ordinal     INTEGER NOT NULL,
    offset      INTEGER NOT NULL,       -- where in the skeleton the part's bytes go
    part_id     INTEGER NOT NULL REFERENCES part(id),
    PRIMARY KEY (message_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX message_part_by_part ON message_part(part_id);

-- Mutable: a mailbox and its IMAP state.
CREATE TABLE mailbox (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    delimiter       TEXT NOT NULL DEFAULT '/',
    special_use     TEXT NOT NULL DEFAULT '',
    subscribed      INTEGER NOT NULL DEFAULT 1,
    uidvalidity     INTEGER NOT NULL,
    uidnext         INTEGER NOT NULL DEFAULT 1,
    highestmodseq   INTEGER NOT NULL DEFAULT 1,
    remote_name     TEXT,
    remote_uidvalidity INTEGER
);
-- Mutable: the flags document, (mailbox, UID) -> message.
CREATE TABLE entry (
    mailbox_id    INTEGER NOT NULL REFERENCES mailbox(id),
    uid           INTEGER NOT NULL,
    message_id    INTEGER NOT NULL REFERENCES message(id),
    flags         INTEGER NOT NULL DEFAULT 0,  -- bits of the system flags, see store/Flags.h
    keywords      TEXT NOT NULL DEFAULT '',    -- space separated
    internaldate  INTEGER NOT NULL,
    modseq        INTEGER NOT NULL DEFAULT 1,
    remote_uid    INTEGER,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;
CREATE INDEX entry_by_message ON entry(message_id);

CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  BLOB NOT NULL
);
)sql";

// Version 2: the durable queues that the bridge and the sync fill.
constexpr const char* kVersion2 = R"sql(
-- Local changes not yet applied at the provider, applied in id order.
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    created     INTEGER NOT NULL,
    operation   TEXT NOT NULL,     -- flags, copy, move, expunge, append, create, rename, delete
    mailbox_id  INTEGER,
    payload     TEXT NOT NULL      -- the operation's arguments, JSON
);
-- Messages accepted for sending.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    message_id    INTEGER NOT NULL REFERENCES message(id),
    mail_from     TEXT NOT NULL,
    recipients    TEXT NOT NULL,    -- space separated
    state         TEXT NOT NULL,    -- queued, sending, sent, failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL,
    last_error    TEXT NOT NULL DEFAULT '',
    created       INTEGER NOT NULL
);
)sql";

// Version 4: what the bridge needs beyond that. A mailbox deleted while it has
// children stays as a \\Noselect name (RFC 3501 §6.3.4); MODSEQ lookups for
// CONDSTORE (RFC 7162) go by index. served_size is RFC822.SIZE as the bridge
// serves the message (bare LFs as CRLF); NULL until first computed.
constexpr const char* kVersion4 = R"sql(
ALTER TABLE mailbox ADD COLUMN noselect INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN served_size INTEGER;
CREATE INDEX entry_by_modseq ON entry(mailbox_id, modseq);
)sql";

// Version 5: the provider sync (issue 4). One account per profile: its
// settings and credentials (inside the encrypted store like everything else);
// per mailbox, the provider's state at the last complete sync, so the next one
// asks only for what changed; entries found by the provider's UID; journal
// records and outbox items that remember a started attempt, so an append,
// copy or send interrupted by a crash is checked at the provider before it
// is tried again (never done twice).
constexpr const char* kVersion5 = R"sql(
CREATE TABLE account (
    id              INTEGER PRIMARY KEY,
    address         TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL DEFAULT '',
    imap_host       TEXT NOT NULL,
    imap_port       INTEGER NOT NULL,
    imap_security   TEXT NOT NULL,       -- tls, starttls, plain (plain only to loopback)
    smtp_host       TEXT NOT NULL,
    smtp_port       INTEGER NOT NULL,
    smtp_security   TEXT NOT NULL,
    username        TEXT NOT NULL,
    password        TEXT NOT NULL,
    pins            TEXT NOT NULL DEFAULT '',  -- SHA-256 of accepted certificates, hex, space separated
    sent_copy       INTEGER NOT NULL DEFAULT 1, -- 0: the provider files sent mail itself
    created         INTEGER NOT NULL,
    last_sync       INTEGER,
    last_error      TEXT NOT NULL DEFAULT '',
    last_error_time INTEGER
);
ALTER TABLE mailbox ADD COLUMN remote_delimiter TEXT;
ALTER TABLE mailbox ADD COLUMN remote_uidnext INTEGER;
ALTER TABLE mailbox ADD COLUMN remote_highestmodseq INTEGER;
CREATE INDEX entry_by_remote_uid ON entry(mailbox_id, remote_uid);
ALTER TABLE journal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journal ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attempt_started INTEGER;
)sql";

// Version 6: OpenPGP (issue 5, docs/openpgp.md). The own key's fingerprint and
// the random passphrase that protects it in GNUPGHOME; the Autocrypt Level 1
// state of each peer (autocrypt.org/level1.html, "Peer state"); keys learned
// outside Autocrypt (imported by hand, attached to mail); and per message
// document what decrypting and verifying it gave, with the document the
// bridge and the reader show in its place (the cleartext, or the original
// marked as undecryptable): the provider's copy stays as it was.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE own_key (
    address         TEXT PRIMARY KEY,      -- lower case
    fingerprint     TEXT NOT NULL,
    passphrase      TEXT NOT NULL,         -- random; gpg gets it through loopback pinentry
    prefer_encrypt  TEXT NOT NULL DEFAULT 'mutual',
    created         INTEGER NOT NULL
);
CREATE TABLE autocrypt_peer (
    address              TEXT PRIMARY KEY, -- lower case
    last_seen            INTEGER NOT NULL DEFAULT 0,
    autocrypt_timestamp  INTEGER NOT NULL DEFAULT 0,
    public_key           BLOB,             -- binary OpenPGP key data from the Autocrypt header
    public_key_fpr       TEXT,
    prefer_encrypt       TEXT NOT NULL DEFAULT 'nopreference',
    gossip_timestamp     INTEGER NOT NULL DEFAULT 0,
    gossip_key           BLOB,
    gossip_key_fpr       TEXT
);
CREATE TABLE peer_key (
    fingerprint  TEXT NOT NULL,
    address      TEXT NOT NULL,            -- lower case, one row per key and address
    source       TEXT NOT NULL,            -- manual, attached
    key_data     BLOB NOT NULL,
    added        INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, address)
);
CREATE INDEX peer_key_by_address ON peer_key(address);
CREATE TABLE message_openpgp (
    message_id           INTEGER PRIMARY KEY REFERENCES message(id), -- as at the provider
    served_id            INTEGER REFERENCES message(id),  -- shown and served in its place
    encryption           TEXT NOT NULL,    -- none, decrypted, failed
    failure              TEXT NOT NULL DEFAULT '',
    signature            TEXT NOT NULL,    -- none, valid, bad, unknown-key, expired, revoked, error
    signer_fingerprint   TEXT NOT NULL DEFAULT '',
    signed_at            INTEGER,
    signer_matches_from  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX message_openpgp_by_served ON message_openpgp(served_id);
)sql";

// Version 7: the message list's columns of each message document in a covering
// index. A message row holds its skeleton and IMAP structures, so reading its
// date or size for 100,000 entries meant decrypting about as many pages: 0.3 s
// for a folder's order or counts, 0.09 and 0.03 s through this index
// (tests/bench/gui_bench.py). Queries name it (INDEXED BY): SQLite prefers the
// rowid lookup by itself.
constexpr const char* kVersion7 = R"sql(
CREATE INDEX message_list_columns ON message(id, date, size, has_attachment);
)sql";

void runSql(Database& db, const char* sql)
{
    db.exec(sql);
}

// Version 3: the full-text index, filled for the messages already stored.
void addSearchIndex(Database& db)
{
    search::SearchIndex::create(db);
    search::SearchIndex::rebuild(db);
}

const std::vector<std::function<void(Database&)>>& migrations()
{
    static const std::vector<std::function<void(Database&)>> list = {
        [](Database& db) { runSql(db, kVersion1); },
        [](Database& db) { runSql(db, kVersion2); },
        addSearchIndex,
        [](Database& db) { runSql(db, kVersion4); },
        [](Database& db) { runSql(db, kVersion5); },
        [](Database& db) { runSql(db, kVersion6); },
        [](Database& db) { runSql(db, kVersion7); },
    };
    return list;
}

} // namespace

int Schema::currentVersion()
{
    return static_cast<int>(migrations().size());
}

int Schema::versionOf(Database& db)
{
    return static_cast<int>(db.queryInt("PRAGMA user_version").value_or(0));
}

void Schema::migrate(Database& db, int target)
{
    if (target < 0)
        target = currentVersion();
    const int version = versionOf(db);
    if (version > currentVersion())
        throw StoreError("this store was written by a newer Cachet (schema " + std::to_string(version)
                         + "); upgrade Cachet to open it");
    for (int v = version; v < target; ++v) {
        Transaction tx(db);
        migrations()[static_cast<std::size_t>(v)](db);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

} // namespace cachet::store
