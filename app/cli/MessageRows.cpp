#include "MessageRows.h"

#include "store/Flags.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstdio>

namespace cachet::cli {

namespace {

QString isoDate(std::int64_t secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(Qt::ISODate);
}

// Cuts a UTF-8 string to at most `width` characters for a table column.
std::string column(const std::string& text, int width)
{
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).simplified();
    if (s.size() > width)
        s = s.left(width - 1) + QChar(0x2026);
    return s.leftJustified(width).toStdString();
}

} // namespace

std::string openPgpSummary(store::Database& db, std::int64_t messageId)
{
    const auto r = store::MessageOpenPgp(db).find(messageId);
    if (!r || (r->encryption == "none" && r->signature == "none"))
        return {};
    std::string out;
    if (r->encryption == "decrypted")
        out = "decrypted";
    else if (r->encryption == "failed")
        out = "NOT decrypted: " + r->failure;
    else
        out = "not encrypted";
    out += "; signature " + r->signature;
    if (!r->signerFingerprint.empty())
        out += " (" + r->signerFingerprint + ")";
    if (r->signature == "valid")
        out += r->signerMatchesFrom ? ", signer matches From" : ", signer does NOT match From";
    return out;
}

void printMessageRows(store::Database& db, const std::vector<MessageRow>& rows, bool json)
{
    store::Messages messages(db);
    store::MessageOpenPgp openPgp(db);
    QJsonArray array;
    for (const MessageRow& row : rows) {
        const auto s = messages.summary(openPgp.servedId(row.messageId));
        if (!s)
            continue;
        const auto pgp = openPgp.find(row.messageId);
        const std::int64_t date = s->date.value_or(row.internalDate);
        if (json) {
            array.append(QJsonObject{
                {"mailbox", QString::fromStdString(row.mailbox)},
                {"uid", static_cast<qint64>(row.uid)},
                {"date", isoDate(date)},
                {"from", QString::fromStdString(s->from)},
                {"to", QString::fromStdString(s->to)},
                {"subject", QString::fromStdString(s->subject)},
                {"size", static_cast<qint64>(s->size)},
                {"flags", QString::fromStdString(store::formatFlags(row.flags))},
                {"keywords", QString::fromStdString(row.keywords)},
                {"has_attachment", s->hasAttachment},
                {"message_id", QString::fromStdString(s->messageId)},
                {"preview", QString::fromStdString(s->preview)},
                {"encryption", QString::fromStdString(pgp ? pgp->encryption : "none")},
                {"encryption_failure", QString::fromStdString(pgp ? pgp->failure : "")},
                {"signature", QString::fromStdString(pgp ? pgp->signature : "none")},
                {"signer", QString::fromStdString(pgp ? pgp->signerFingerprint : "")},
                {"signer_matches_from", pgp && pgp->signerMatchesFrom},
            });
        } else {
            const char unread = (row.flags & store::FlagSeen) ? ' ' : '*';
            const char flagged = (row.flags & store::FlagFlagged) ? '!' : ' ';
            const char attach = s->hasAttachment ? '@' : ' ';
            const std::string day = isoDate(date).left(10).toStdString();
            std::printf("%6u %c%c%c %s  %s  %s\n", row.uid, unread, flagged, attach, day.c_str(),
                        column(s->from, 28).c_str(), column(s->subject, 60).c_str());
        }
    }
    if (json)
        std::printf("%s\n", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
}

} // namespace cachet::cli
