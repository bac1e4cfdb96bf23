#include "account/ServiceCheckText.h"

#include "sync/ProviderError.h"

#include <QCoreApplication>

namespace cachet::ui {

namespace {

QString translated(const char* text)
{
    return QCoreApplication::translate("cachet::ui::ServiceCheckText", text);
}

} // namespace

QString stageText(const std::string& stage)
{
    using Stage = sync::ProviderError::Stage;
    struct Named {
        Stage stage;
        const char* text;
    };
    static constexpr Named kStages[] = {
        {Stage::NameLookup, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "name lookup")},
        {Stage::Connect, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "connect")},
        {Stage::Tls, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "TLS")},
        {Stage::Greeting, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "greeting")},
        {Stage::Authentication, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "authentication")},
        {Stage::Capabilities, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "capabilities")},
        {Stage::Protocol, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "protocol")},
        {Stage::Connection, QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "connection")},
    };
    // Matched by ProviderError's own names, so a renamed stage cannot go unnoticed here.
    for (const Named& named : kStages) {
        if (stage == sync::ProviderError::stageName(named.stage))
            return translated(named.text);
    }
    return QString::fromStdString(stage);
}

QString serviceCheckText(const sync::ServiceCheck& check)
{
    // The detail is the server's or the system's own words: shown as they are.
    const QString detail = QString::fromStdString(check.detail);
    if (check.ok)
        return translated(QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "Works: %1")).arg(detail);
    return translated(QT_TRANSLATE_NOOP("cachet::ui::ServiceCheckText", "Failed at %1: %2"))
        .arg(stageText(check.stage), detail);
}

} // namespace cachet::ui
