// APPEND (RFC 3501 §6.3.11) — authenticated or selected — with MULTIAPPEND
// (RFC 3502: several messages, all or none) and APPENDUID (RFC 4315 §3).

#include "bridge/FlagArguments.h"
#include "bridge/ImapSession.h"

#include "imap/DateTime.h"
#include "store/Entries.h"
#include "store/Journal.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Sha256.h"
#include "text/AsciiText.h"

#include <QDateTime>
#include <QJsonObject>

namespace cachet::bridge {

namespace {

struct AppendItem {
    FlagArguments flags;
    std::int64_t internalDate = 0;
    const std::string* bytes = nullptr;
};

} // namespace

ImapSession::Reply ImapSession::cmdAppend(const imap::Command& command)
{
    const Args& args = command.args;
    if (args.size() < 2)
        return bad("APPEND takes a mailbox name, optional flags and date, and the message.");
    std::string error;
    auto name = mailboxArg(args[0], error);
    if (!name)
        return bad(error + ".");

    std::vector<AppendItem> items;
    std::size_t i = 1;
    while (i < args.size()) {
        AppendItem item;
        item.internalDate = QDateTime::currentSecsSinceEpoch();
        if (args[i].type == imap::CommandArg::Type::List) {
            auto flags = parseFlagArguments({args[i]}, 0, error);
            if (!flags)
                return bad("Invalid flags: " + error + ".");
            item.flags = *flags;
            ++i;
        }
        if (i < args.size() && args[i].type == imap::CommandArg::Type::String && !args[i].literal) {
            auto date = imap::parseDateTime(args[i].text);
            if (!date)
                return bad("Invalid date-time; expected \"17-Jul-1996 02:44:25 -0700\".");
            item.internalDate = *date;
            ++i;
        }
        if (i >= args.size() || args[i].type != imap::CommandArg::Type::String)
            return bad("APPEND needs the message as a literal.");
        item.bytes = &args[i].text;
        ++i;
        if (item.bytes->empty())
            return no("An empty message cannot be appended.");
        items.push_back(std::move(item));
    }

    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    auto mailbox = mailboxes.byName(*name);
    if (!mailbox || mailbox->noselect)
        return no("[TRYCREATE] No mailbox " + name->substr(0, 200) + ".");

    // Parse and hash before taking the write lock; then store all in one
    // transaction, so a MULTIAPPEND is all or nothing (RFC 3502 §6.3.11).
    std::vector<store::PreparedMessage> prepared;
    prepared.reserve(items.size());
    for (const AppendItem& item : items)
        prepared.push_back(store::prepareMessage(*item.bytes));
    store::Messages messages(db);
    store::Entries entries(db);
    store::Journal journal(db);
    std::vector<std::uint32_t> uids;
    store::Transaction tx(db);
    for (std::size_t k = 0; k < items.size(); ++k) {
        const std::int64_t messageId = messages.store(prepared[k]).id;
        const store::Entry entry = entries.add(mailbox->id, messageId, items[k].flags.flags, items[k].internalDate,
                                               joinKeywords(items[k].flags.keywords));
        journal.record("append", mailbox->id,
                       QJsonObject{{"uid", static_cast<qint64>(entry.uid)},
                                   {"message", QString::fromStdString(store::toHex(prepared[k].hash))}});
        uids.push_back(entry.uid);
    }
    tx.commit();
    m_context.events.changed(mailbox->id);
    std::string uidText = std::to_string(uids.front());
    if (uids.size() > 1)
        uidText += ':' + std::to_string(uids.back());
    return ok("[APPENDUID " + std::to_string(mailbox->uidValidity) + ' ' + uidText + "] Append completed.");
}

} // namespace cachet::bridge
