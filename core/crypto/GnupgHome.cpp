#include "crypto/GnupgHome.h"

#include "crypto/CryptoError.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>

namespace cachet::crypto {

namespace {

// gpg-agent.conf: loopback pinentry for the passphrase Cachet keeps in the
// store. Nothing is cached: Cachet gives the passphrase with every operation,
// and a cached one would let a wrong passphrase (or setup code) pass unseen.
// The passphrase is 256 random bits, so stretching it adds no strength: the
// smallest S2K count keeps unlocking the key at about a millisecond instead of
// the calibrated 100 ms, for every message signed or decrypted.
constexpr const char* kAgentConf =
    "# Written by Cachet: the passphrase comes from Cachet's store (loopback pinentry).\n"
    "allow-loopback-pinentry\n"
    "s2k-count 65536\n"
    "no-allow-external-cache\n"
    "default-cache-ttl 0\n"
    "max-cache-ttl 0\n";

// gpg.conf: no network key lookups, no automatic key retrieval; Autocrypt keys
// are used as learned (encryption passes GPGME's always-trust flag).
constexpr const char* kGpgConf =
    "# Written by Cachet.\n"
    "no-auto-key-retrieve\n"
    "no-auto-key-locate\n"
    "keyid-format none\n"
    "no-symkey-cache\n";

void writeIfMissing(const QString& path, const char* text)
{
    if (QFile::exists(path))
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0 || !file.commit())
        throw CryptoError("cannot write " + path.toStdString());
}

} // namespace

GnupgHome::GnupgHome(QString directory) : m_directory(QDir(directory).absolutePath())
{
    if (!QDir().mkpath(m_directory))
        throw CryptoError("cannot create " + m_directory.toStdString());
    // gpg refuses to work in a folder others can read, and so do we.
    if (!QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        throw CryptoError("cannot make " + m_directory.toStdString() + " private");
    writeIfMissing(m_directory + "/gpg-agent.conf", kAgentConf);
    writeIfMissing(m_directory + "/gpg.conf", kGpgConf);
}

GnupgHome::~GnupgHome()
{
    stopAgent();
}

void GnupgHome::stopAgent() const
{
    QProcess gpgconf;
    gpgconf.setProcessChannelMode(QProcess::MergedChannels);
    gpgconf.start("gpgconf", {"--homedir", m_directory, "--kill", "gpg-agent"});
    gpgconf.waitForFinished(10000);
}

} // namespace cachet::crypto
