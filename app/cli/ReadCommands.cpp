// mailboxes, list, show and search: reading the store.

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "MessageRows.h"

#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"
#include "search/SearchQuery.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cachet::cli {

namespace {

std::int64_t limitOption(const Arguments& a, std::int64_t fallback)
{
    auto v = a.value("--limit");
    if (!v)
        return fallback;
    bool ok = false;
    const qlonglong n = v->toLongLong(&ok);
    if (!ok || n < 0)
        throw usageError("--limit needs a number");
    return n;
}

store::Mailbox mailboxOption(store::Database& db, const Arguments& a)
{
    const std::string name = a.value("--mailbox").value_or("INBOX").toStdString();
    auto mb = store::Mailboxes(db).byName(name);
    if (!mb)
        throw CliError("no mailbox named \"" + name + "\"");
    return *mb;
}

} // namespace

int runMailboxes(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--json"});
    a.expectPositionals(0, "mailboxes [--json]");
    store::Profile profile = ctx.unlock();
    store::Mailboxes mailboxes(profile.store().db());
    QJsonArray array;
    for (const store::Mailbox& m : mailboxes.all()) {
        const store::MailboxCounts c = mailboxes.counts(m.id);
        if (a.flag("--json")) {
            array.append(QJsonObject{{"name", QString::fromStdString(m.name)},
                                     {"special_use", QString::fromStdString(m.specialUse)},
                                     {"noselect", m.noselect},
                                     {"messages", static_cast<qint64>(c.messages)},
                                     {"unread", static_cast<qint64>(c.unseen)},
                                     {"bytes", static_cast<qint64>(c.bytes)},
                                     {"uidvalidity", static_cast<qint64>(m.uidValidity)},
                                     {"uidnext", static_cast<qint64>(m.uidNext)}});
        } else {
            std::printf("%-30s %7lld messages %6lld unread %9.1f MB\n", m.name.c_str(),
                        static_cast<long long>(c.messages), static_cast<long long>(c.unseen),
                        static_cast<double>(c.bytes) / 1048576.0);
        }
    }
    if (a.flag("--json"))
        std::printf("%s\n", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
    return 0;
}

int runList(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--mailbox", "--limit"}, {"--json"});
    a.expectPositionals(0, "list [--mailbox NAME] [--limit N] [--json]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    const store::Mailbox mb = mailboxOption(db, a);
    std::vector<MessageRow> rows;
    for (const store::Entry& e : store::Entries(db).newestFirst(mb.id, limitOption(a, a.flag("--json") ? -1 : 50)))
        rows.push_back({mb.name, e.uid, e.messageId, e.flags, e.internalDate, e.keywords});
    printMessageRows(db, rows, a.flag("--json"));
    return 0;
}

int runSearch(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--limit"}, {"--json"});
    if (a.positionals().isEmpty())
        throw usageError("usage: cachet-cli search QUERY [--limit N] [--json]");
    search::SearchQuery query = [&] {
        try {
            return search::SearchQuery::parse(a.positionals().join(' ').toStdString());
        } catch (const std::invalid_argument& e) {
            throw CliError(std::string("bad query: ") + e.what(), 2);
        }
    }();
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    std::vector<MessageRow> rows;
    for (const search::SearchHit& h : search::runSearch(db, query, limitOption(a, a.flag("--json") ? -1 : 100)))
        rows.push_back({h.mailbox, h.uid, h.messageId, h.flags, h.internalDate, {}});
    printMessageRows(db, rows, a.flag("--json"));
    return 0;
}

int runShow(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--mailbox"}, {"--raw"});
    a.expectPositionals(1, "show UID [--mailbox NAME] [--raw]");
    bool ok = false;
    const uint uid = a.positionals().front().toUInt(&ok);
    if (!ok || uid == 0)
        throw usageError("show needs a UID (a positive number, as `list` prints)");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    const store::Mailbox mb = mailboxOption(db, a);
    const auto entry = store::Entries(db).byUid(mb.id, uid);
    if (!entry)
        throw CliError("no message with UID " + std::to_string(uid) + " in " + mb.name);
    // The decrypted document where there is one (store/MessageOpenPgp.h); `export` gives the original.
    const std::string raw = store::Messages(db).readRaw(store::MessageOpenPgp(db).servedId(entry->messageId));
    if (a.flag("--raw")) {
        std::fwrite(raw.data(), 1, raw.size(), stdout);
        return 0;
    }
    const mime::MessageDigest d = mime::digestMessage(raw, mime::parseMimeTree(raw));
    auto line = [](const char* name, const std::string& value) {
        if (!value.empty())
            std::printf("%-9s %s\n", name, value.c_str());
    };
    line("From:", d.from);
    line("To:", d.to);
    line("Cc:", d.cc);
    if (d.date)
        line("Date:", QDateTime::fromSecsSinceEpoch(*d.date).toString(Qt::RFC2822Date).toStdString());
    line("Subject:", d.subject);
    line("Flags:", store::formatFlags(entry->flags));
    line("OpenPGP:", openPgpSummary(db, entry->messageId));
    for (const std::string& name : d.attachmentNames)
        line("Attached:", name);
    std::printf("\n%s\n", d.bodyText.c_str());
    return 0;
}

} // namespace cachet::cli
