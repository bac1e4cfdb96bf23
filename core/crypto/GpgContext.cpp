#include "crypto/GpgContext.h"

#include "crypto/CryptoError.h"

#include <gpgme++/global.h>
#include <gpgme.h>

#include <QFile>

#include <cstring>
#include <mutex>

namespace cachet::crypto {

char* LoopbackPassphrases::getPassphrase(const char*, const char*, bool previousWasBad, bool& canceled)
{
    // A wrong passphrase asked again would loop for ever: refuse instead.
    if (m_answers.empty() || (previousWasBad && m_asked >= static_cast<int>(m_answers.size()))) {
        canceled = true;
        return nullptr;
    }
    const std::size_t index = std::min<std::size_t>(static_cast<std::size_t>(m_asked), m_answers.size() - 1);
    ++m_asked;
    canceled = false;
    // GPGME frees it with free() after wiping it.
    return strdup(m_answers[index].c_str());
}

void initialiseGpgme()
{
    static std::once_flag initialised;
    std::call_once(initialised, [] {
        GpgME::initializeLibrary();
        if (const GpgME::Error e = GpgME::checkEngine(GpgME::OpenPGP))
            throw CryptoError("gpg cannot be used: " + gpgErrorText(e));
    });
}

bool isProcessGnupgHome(const QString& gnupgHome)
{
    // GPGME runs `gpg --version` each time a context is pointed at a home
    // directory (it re-reads the engine's version): about 9 ms, as long as
    // signing a 10 KB message (openpgp_bench). A process has one profile, so
    // the first home it uses becomes GPGME's default, set once; contexts on it
    // inherit it. Another home (tests hold several) is set per context.
    static std::mutex mutex;
    static QString processHome;
    initialiseGpgme();
    const std::lock_guard lock(mutex);
    if (processHome.isEmpty()) {
        const QByteArray dir = QFile::encodeName(gnupgHome);
        if (gpgme_set_engine_info(GPGME_PROTOCOL_OpenPGP, nullptr, dir.constData()) != 0)
            return false;
        processHome = gnupgHome;
    }
    return processHome == gnupgHome;
}

GpgContext makeGpgContext(const QString& gnupgHome, std::vector<std::string> passphrases)
{
    const bool inherited = isProcessGnupgHome(gnupgHome);
    GpgContext ctx;
    ctx.context = GpgME::Context::create(GpgME::OpenPGP);
    if (!ctx.context)
        throw CryptoError("cannot create a GPGME context");
    const QByteArray home = QFile::encodeName(gnupgHome);
    if (!inherited) {
        if (const GpgME::Error e = ctx->setEngineHomeDirectory(home.constData()))
            throw CryptoError("cannot use " + gnupgHome.toStdString() + " as GNUPGHOME: " + gpgErrorText(e));
    }
    ctx->setArmor(true);
    ctx->setOffline(true);
    ctx->setPinentryMode(GpgME::Context::PinentryLoopback);
    ctx.passphrases = std::make_unique<LoopbackPassphrases>(std::move(passphrases));
    ctx->setPassphraseProvider(ctx.passphrases.get());
    return ctx;
}

std::string gpgErrorText(const GpgME::Error& error)
{
    return error.asString();
}

} // namespace cachet::crypto
