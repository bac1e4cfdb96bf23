#pragma once
// Makes GPGME contexts (gpgme++) bound to one GNUPGHOME, with passphrases given
// through loopback pinentry. A context serves one thread at a time: each
// operation makes its own (cheap, once the home is GPGME's default: see
// isProcessGnupgHome).

#include <gpgme++/context.h>
#include <gpgme++/interfaces/passphraseprovider.h>

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace cachet::crypto {

// Hands gpg the passphrases it asks for, in order: the first request gets the
// first one, every later request the last (gpg asks old-then-new for passwd,
// and asks again for the new one to confirm it).
class LoopbackPassphrases : public GpgME::PassphraseProvider {
public:
    explicit LoopbackPassphrases(std::vector<std::string> answers) : m_answers(std::move(answers)) {}
    char* getPassphrase(const char* useridHint, const char* description, bool previousWasBad,
                        bool& canceled) override;
    int asked() const { return m_asked; }

private:
    std::vector<std::string> m_answers;
    int m_asked = 0;
};

struct GpgContext {
    std::unique_ptr<GpgME::Context> context;
    std::unique_ptr<LoopbackPassphrases> passphrases; // outlives the context's use of it
    GpgME::Context* operator->() const { return context.get(); }
};

// GPGME initialised and gpg found usable, once per process; throws CryptoError.
void initialiseGpgme();

// Whether contexts on `gnupgHome` inherit it from GPGME's process-wide default
// (the first home a process uses becomes it); if not, each must be set.
bool isProcessGnupgHome(const QString& gnupgHome);

// An OpenPGP context on `gnupgHome`, armored output, loopback pinentry with
// `passphrases` (empty: any request is refused).
GpgContext makeGpgContext(const QString& gnupgHome, std::vector<std::string> passphrases = {});

// The error text GPGME gives, for messages.
std::string gpgErrorText(const GpgME::Error& error);

} // namespace cachet::crypto
