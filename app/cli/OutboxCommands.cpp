// outbox list|retry|cancel: the mail waiting to go out (store/Outbox.h, sync/OutboxRelay.h).

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"

#include "store/Messages.h"
#include "store/Outbox.h"
#include "text/AsciiText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>
#include <string>

namespace cachet::cli {

namespace {

// What the user calls the state: a queued item that has been tried already is
// waiting for its next attempt after a failure.
std::string stateName(const store::OutboxItem& item)
{
    if (item.state == "queued" && item.attempts > 0)
        return "deferred";
    return item.state;
}

bool waitsForAnAttempt(const store::OutboxItem& item)
{
    return item.state == "queued";
}

std::string localTime(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds).toString(Qt::ISODate).toStdString();
}

std::int64_t idArgument(const QString& text, const char* usage)
{
    bool ok = false;
    const qlonglong id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        throw usageError(std::string("usage: cachet-cli ") + usage);
    return id;
}

store::OutboxItem existingItem(store::Outbox& outbox, std::int64_t id)
{
    auto item = outbox.byId(id);
    if (!item)
        throw CliError("there is no message " + std::to_string(id) + " in the outbox; `cachet-cli outbox list` shows them");
    return *item;
}

// Why the user cannot retry or cancel an item now, if they cannot: it went, or
// it is in the provider's hands (or was when Cachet stopped; the next sync
// settles that, by OutboxRelay.h's rule).
std::optional<std::string> notChangeable(const store::OutboxItem& item)
{
    const std::string name = "message " + std::to_string(item.id);
    if (item.state == "sent")
        return name + " was sent already";
    if (item.state == "sending" || item.state == "ending")
        return name + " is being handed to the provider (" + item.state
               + "), so it cannot be changed now; if no sync is running, the next sync settles it";
    return std::nullopt;
}

int outboxList(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--json"});
    a.expectPositionals(0, "outbox list [--json]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    store::Messages messages(db);
    const std::vector<store::OutboxItem> items = store::Outbox(db).all();
    QJsonArray json;
    for (const store::OutboxItem& item : items) {
        auto summary = messages.summary(item.messageId);
        const std::string subject = summary ? summary->subject : std::string();
        if (a.flag("--json")) {
            QJsonArray recipients;
            for (const std::string& r : item.recipients)
                recipients.append(QString::fromStdString(r));
            json.append(QJsonObject{
                {"id", static_cast<qint64>(item.id)},
                {"state", QString::fromStdString(stateName(item))},
                {"from", QString::fromStdString(item.mailFrom)},
                {"recipients", recipients},
                {"subject", QString::fromStdString(subject)},
                {"message_id", QString::fromStdString(summary ? summary->messageId : std::string())},
                {"created", static_cast<qint64>(item.created)},
                {"attempts", item.attempts},
                {"next_attempt",
                 waitsForAnAttempt(item) ? QJsonValue(static_cast<qint64>(item.nextAttempt)) : QJsonValue()},
                {"last_error", QString::fromStdString(item.lastError)},
            });
            continue;
        }
        std::printf("%lld  %-8s  %d attempt%s", static_cast<long long>(item.id), stateName(item).c_str(), item.attempts,
                    item.attempts == 1 ? "" : "s");
        if (waitsForAnAttempt(item))
            std::printf("  next %s", localTime(item.nextAttempt).c_str());
        std::printf("  to %s\n", text::joined(item.recipients, ',').c_str());
        std::printf("    subject: %s\n", subject.c_str());
        if (!item.lastError.empty())
            std::printf("    last error: %s\n", item.lastError.c_str());
    }
    if (a.flag("--json"))
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    else if (items.empty())
        std::printf("the outbox is empty\n");
    return 0;
}

int outboxRetry(const Context& ctx, const QStringList& args)
{
    constexpr const char* kUsage = "outbox retry ID|--all";
    Arguments a(args, {}, {"--all"});
    a.expectPositionals(a.flag("--all") ? 0 : 1, kUsage);
    const std::optional<std::int64_t> onlyId =
        a.flag("--all") ? std::nullopt : std::optional<std::int64_t>(idArgument(a.positionals().front(), kUsage));
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    store::Outbox outbox(db);
    if (onlyId) {
        if (auto refusal = notChangeable(existingItem(outbox, *onlyId)))
            throw CliError(*refusal);
    }
    store::Transaction tx(db);
    const int due = outbox.retryNow(QDateTime::currentSecsSinceEpoch(), onlyId);
    tx.commit();
    if (onlyId && due == 0) // a sync took it meanwhile
        throw CliError(notChangeable(existingItem(outbox, *onlyId)).value_or("message not retried"));
    std::printf("%d message%s will go out at the next sync\n", due, due == 1 ? "" : "s");
    return 0;
}

int outboxCancel(const Context& ctx, const QStringList& args)
{
    constexpr const char* kUsage = "outbox cancel ID";
    Arguments a(args, {}, {});
    a.expectPositionals(1, kUsage);
    const std::int64_t id = idArgument(a.positionals().front(), kUsage);
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    store::Outbox outbox(db);
    const store::OutboxItem item = existingItem(outbox, id);
    if (auto refusal = notChangeable(item))
        throw CliError(*refusal);
    store::Transaction tx(db);
    const bool cancelled = outbox.cancel(id);
    tx.commit();
    if (!cancelled) // a sync took it meanwhile
        throw CliError(notChangeable(existingItem(outbox, id)).value_or("message not cancelled"));
    std::printf("cancelled message %lld to %s; it will not be sent\n", static_cast<long long>(id),
                text::joined(item.recipients, ',').c_str());
    return 0;
}

} // namespace

int runOutbox(const Context& ctx, const QStringList& args)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    if (verb == "list")
        return outboxList(ctx, rest);
    if (verb == "retry")
        return outboxRetry(ctx, rest);
    if (verb == "cancel")
        return outboxCancel(ctx, rest);
    throw usageError("outbox list [--json] | retry ID|--all | cancel ID");
}

} // namespace cachet::cli
