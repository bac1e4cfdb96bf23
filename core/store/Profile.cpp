#include "store/Profile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace cachet::store {

namespace {
const char* kStoreFile = "store.db";
const char* kProfileFile = "profile.json";
const char* kGnupgDir = "gnupg";

void makePrivateDir(const QString& path)
{
    if (!QDir().mkpath(path))
        throw StoreError("cannot create " + path.toStdString());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}
} // namespace

QString Profile::resolveDirectory(const QString& fromOption)
{
    if (!fromOption.isEmpty())
        return QDir(fromOption).absolutePath();
    const QString env = qEnvironmentVariable("CACHET_PROFILE");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty())
        dataHome = QDir::homePath() + "/.local/share";
    return dataHome + "/cachet/default";
}

Profile::Profile(QString dir, ProfileFile file, StoreKey key, Store store)
    : m_dir(std::move(dir)), m_file(std::move(file)), m_key(key), m_store(std::make_unique<Store>(std::move(store)))
{
}

QString Profile::storePath() const
{
    return m_dir + "/" + kStoreFile;
}

QString Profile::gnupgHome() const
{
    return m_dir + "/" + kGnupgDir;
}

Profile Profile::create(const QString& dir, std::string_view passphrase, const KdfCost& cost, int schemaVersion)
{
    if (QFile::exists(dir + "/" + kProfileFile) || QFile::exists(dir + "/" + kStoreFile))
        throw StoreError("a profile already exists at " + dir.toStdString(), StoreError::Kind::ProfileExists);
    if (passphrase.empty())
        throw StoreError("the passphrase must not be empty");
    makePrivateDir(dir);
    makePrivateDir(dir + "/" + kGnupgDir);

    ProfileFile file;
    file.salt = StoreKey::randomSalt();
    file.cost = cost;
    StoreKey key = StoreKey::derive(passphrase, file.salt, cost);
    // The store first: a profile.json without a store is recognisably unfinished
    // and `init` can simply be run again after removing it.
    Store store = Store::create(dir + "/" + kStoreFile, key, schemaVersion);
    // Owner only: the store is encrypted, but who may copy it is still nobody's business.
    // SQLite gives its -wal and -shm files the permissions of the database.
    QFile::setPermissions(dir + "/" + kStoreFile, QFile::ReadOwner | QFile::WriteOwner);
    file.write(dir + "/" + kProfileFile);
    return Profile(dir, std::move(file), key, std::move(store));
}

Profile Profile::unlock(const QString& dir, std::string_view passphrase, int migrateTo)
{
    ProfileFile file = ProfileFile::read(dir + "/" + kProfileFile);
    StoreKey key = StoreKey::derive(passphrase, file.salt, file.cost);
    Store store = Store::open(dir + "/" + kStoreFile, key, migrateTo);
    return Profile(dir, std::move(file), key, std::move(store));
}

bool Profile::isPassphrase(std::string_view passphrase) const
{
    return StoreKey::derive(passphrase, m_file.salt, m_file.cost).sameAs(m_key);
}

void Profile::changePassphrase(std::string_view newPassphrase)
{
    if (newPassphrase.empty())
        throw StoreError("the passphrase must not be empty");
    StoreKey newKey = StoreKey::derive(newPassphrase, m_file.salt, m_file.cost);
    m_store->rekey(newKey);
    m_key = newKey;
}

} // namespace cachet::store
