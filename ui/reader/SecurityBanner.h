#pragma once
// The line above a message that says, in plain words, whether it was
// encrypted and who signed it, coloured by how much it can be trusted, and
// hidden when there is nothing to say (no OpenPGP at all).

#include "reader/ReaderSecurity.h"

#include <QLabel>

namespace cachet::ui {

class SecurityBanner : public QLabel {
    Q_OBJECT
public:
    enum class Level { None, Good, Warning, Bad };

    struct Verdict {
        Level level = Level::None;
        QString text;
    };

    explicit SecurityBanner(QWidget* parent = nullptr);

    // `fromAddress`: the message's From address, named when the signer is the sender.
    void setSecurity(const ReaderSecurity& security, const QString& fromAddress);
    Level level() const { return m_level; }

    static Verdict verdict(const ReaderSecurity& security, const QString& fromAddress);
    // "ABCD 1234 ..." : groups of four, as gpg and Thunderbird show it.
    static QString groupedFingerprint(const QString& fingerprint);

private:
    Level m_level = Level::None;
};

} // namespace cachet::ui
