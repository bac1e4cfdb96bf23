#pragma once
// A rough strength hint for a new profile passphrase, shown while it is typed.
// It estimates the guesses an attacker needs from the length and the kinds of
// characters, less for repeats and for well-known passwords; it is a hint, not
// a rule (Argon2id makes every guess costly anyway).

#include <QString>

namespace cachet::ui {

struct PassphraseStrength {
    enum class Level { Empty, Weak, Fair, Strong };
    Level level = Level::Empty;
    double bits = 0;  // estimated entropy
    QString hint;     // one sentence for the person typing
};

PassphraseStrength ratePassphrase(const QString& passphrase);

} // namespace cachet::ui
