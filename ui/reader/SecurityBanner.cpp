#include "reader/SecurityBanner.h"

#include <QLocale>

namespace cachet::ui {

namespace {

SecurityBanner::Level worse(SecurityBanner::Level a, SecurityBanner::Level b)
{
    return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

const char* styleFor(SecurityBanner::Level level)
{
    switch (level) {
    case SecurityBanner::Level::Good:
        return "QLabel { background: #e6f4ea; color: #1e4620; border: 1px solid #a8d5b5; }";
    case SecurityBanner::Level::Warning:
        return "QLabel { background: #fff4e5; color: #663c00; border: 1px solid #f0c987; }";
    case SecurityBanner::Level::Bad:
        return "QLabel { background: #fdecea; color: #611a15; border: 1px solid #f1a9a0; }";
    case SecurityBanner::Level::None:
        break;
    }
    return "";
}

const char* levelName(SecurityBanner::Level level)
{
    switch (level) {
    case SecurityBanner::Level::Good: return "good";
    case SecurityBanner::Level::Warning: return "warning";
    case SecurityBanner::Level::Bad: return "bad";
    case SecurityBanner::Level::None: break;
    }
    return "none";
}

} // namespace

SecurityBanner::SecurityBanner(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("securityBanner"));
    setTextFormat(Qt::PlainText); // the failure reason comes from outside
    setWordWrap(true);
    setMargin(6);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

QString SecurityBanner::groupedFingerprint(const QString& fingerprint)
{
    QString out;
    for (qsizetype i = 0; i < fingerprint.size(); i += 4) {
        if (!out.isEmpty())
            out += ' ';
        out += fingerprint.mid(i, 4);
    }
    return out;
}

SecurityBanner::Verdict SecurityBanner::verdict(const ReaderSecurity& s, const QString& fromAddress)
{
    using Signature = ReaderSecurity::Signature;
    using Encryption = ReaderSecurity::Encryption;
    Verdict v;
    QStringList sentences;

    switch (s.encryption) {
    case Encryption::Decrypted:
        sentences << tr("Encrypted.");
        v.level = Level::Good;
        break;
    case Encryption::Failed:
        sentences << (s.failure.isEmpty() ? tr("Could not decrypt this message.")
                                          : tr("Could not decrypt: %1").arg(s.failure));
        v.level = Level::Bad;
        break;
    case Encryption::None:
        break;
    }

    const QString fingerprint = groupedFingerprint(s.signerFingerprint);
    const QString key = fingerprint.isEmpty() ? QString() : tr(" (fingerprint %1)").arg(fingerprint);
    switch (s.signature) {
    case Signature::Valid:
        if (s.signerMatchesFrom) {
            const QString signer = fromAddress.isEmpty() ? tr("the sender") : fromAddress;
            QString sentence = tr("Signed by %1%2 — valid").arg(signer, key);
            if (s.signedAt.isValid())
                sentence += tr(", signed %1").arg(QLocale().toString(s.signedAt.toLocalTime(), QLocale::ShortFormat));
            sentences << sentence + '.';
            v.level = worse(v.level, Level::Good);
        } else {
            sentences << tr("Signed by a key that is not the sender's%1.").arg(key);
            v.level = worse(v.level, Level::Warning);
        }
        break;
    case Signature::Bad:
        sentences << tr("Bad signature: the message was changed after signing.");
        v.level = Level::Bad;
        break;
    case Signature::UnknownKey:
        sentences << tr("Signed by a key that is not known%1: the signature cannot be checked.").arg(key);
        v.level = worse(v.level, Level::Warning);
        break;
    case Signature::Expired:
        sentences << tr("Signed with a key that has expired%1.").arg(key);
        v.level = worse(v.level, Level::Warning);
        break;
    case Signature::Revoked:
        sentences << tr("Signed with a revoked key%1: do not trust this signature.").arg(key);
        v.level = Level::Bad;
        break;
    case Signature::Error:
        sentences << tr("The signature could not be checked.");
        v.level = worse(v.level, Level::Warning);
        break;
    case Signature::None:
        if (s.encryption == Encryption::Decrypted)
            sentences << tr("Not signed: nothing confirms who wrote it.");
        break;
    }
    v.text = sentences.join(' ');
    return v;
}

void SecurityBanner::setSecurity(const ReaderSecurity& security, const QString& fromAddress)
{
    const Verdict v = verdict(security, fromAddress);
    m_level = v.level;
    setText(v.text);
    setStyleSheet(QString::fromLatin1(styleFor(v.level)));
    setProperty("level", QString::fromLatin1(levelName(v.level)));
    setVisible(v.level != Level::None);
}

} // namespace cachet::ui
