#include "unlock/PassphraseStrength.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace cachet::ui {

namespace {

// The handful everybody tries first; a passphrase made of one of them is weak whatever its length.
bool isCommon(const QString& lower)
{
    static const QSet<QString> common = {
        QStringLiteral("password"), QStringLiteral("passphrase"), QStringLiteral("123456"),
        QStringLiteral("12345678"), QStringLiteral("123456789"), QStringLiteral("qwerty"),
        QStringLiteral("letmein"), QStringLiteral("iloveyou"), QStringLiteral("admin"),
        QStringLiteral("welcome"), QStringLiteral("monkey"), QStringLiteral("dragon"),
        QStringLiteral("password1"), QStringLiteral("qwertyuiop"), QStringLiteral("abc123"),
    };
    return common.contains(lower);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("cachet::ui::PassphraseStrength", text);
}

} // namespace

PassphraseStrength ratePassphrase(const QString& passphrase)
{
    PassphraseStrength out;
    if (passphrase.isEmpty()) {
        out.hint = tr("Choose a passphrase: it is the only key to your mail on this computer.");
        return out;
    }
    bool lower = false, upper = false, digit = false, other = false;
    QSet<QChar> distinct;
    for (QChar c : passphrase) {
        distinct.insert(c);
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
    // Repeated characters add little: count length as if only the distinct ones mattered, plus a bit.
    const double effectiveLength = std::min<double>(passphrase.size(), distinct.size() * 1.5 + 1);
    out.bits = effectiveLength * std::log2(std::max(pool, 2));
    if (isCommon(passphrase.toLower()))
        out.bits = std::min(out.bits, 10.0);

    if (out.bits < 40) {
        out.level = PassphraseStrength::Level::Weak;
        out.hint = tr("Weak: easy to guess. Use a few unrelated words or a longer sentence.");
    } else if (out.bits < 65) {
        out.level = PassphraseStrength::Level::Fair;
        out.hint = tr("Fair: a longer passphrase would be safer.");
    } else {
        out.level = PassphraseStrength::Level::Strong;
        out.hint = tr("Strong.");
    }
    return out;
}

} // namespace cachet::ui
