#include "store/ProfileFile.h"

#include "store/StoreError.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace cachet::store {

namespace {
constexpr qint64 kMaxProfileFileSize = 64 * 1024; // a real one is ~200 bytes
}

ProfileFile ProfileFile::read(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        throw StoreError("no profile at " + path.toStdString() + " (run `cachet-cli init` first)",
                         StoreError::Kind::NotAProfile);
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    if (file.size() > kMaxProfileFileSize)
        throw StoreError(path.toStdString() + " is too large to be a profile file", StoreError::Kind::NotAProfile);

    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(kMaxProfileFileSize), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw StoreError(path.toStdString() + " is not valid JSON", StoreError::Kind::NotAProfile);
    const QJsonObject obj = doc.object();

    ProfileFile pf;
    pf.formatVersion = obj.value("format_version").toInt(-1);
    if (pf.formatVersion < 1)
        throw StoreError(path.toStdString() + " has no format_version", StoreError::Kind::NotAProfile);
    if (pf.formatVersion > kFormatVersion)
        throw StoreError("this profile was written by a newer Cachet (format " + std::to_string(pf.formatVersion)
                             + "); upgrade Cachet to open it",
                         StoreError::Kind::NotAProfile);
    const QJsonObject kdf = obj.value("kdf").toObject();
    if (kdf.value("algorithm").toString() != QLatin1String("argon2id"))
        throw StoreError(path.toStdString() + " names an unknown key derivation", StoreError::Kind::NotAProfile);
    pf.salt = QByteArray::fromBase64(kdf.value("salt").toString().toLatin1()).toStdString();
    pf.cost.opsLimit = static_cast<std::uint64_t>(kdf.value("ops_limit").toDouble(0));
    pf.cost.memLimit = static_cast<std::uint64_t>(kdf.value("mem_limit").toDouble(0));
    if (pf.salt.size() != StoreKey::kSaltSize || !pf.cost.isSane())
        throw StoreError(path.toStdString() + " has an unusable salt or cost", StoreError::Kind::NotAProfile);
    return pf;
}

void ProfileFile::write(const QString& path) const
{
    QJsonObject kdf{
        {"algorithm", "argon2id"},
        {"salt", QString::fromLatin1(QByteArray::fromStdString(salt).toBase64())},
        {"ops_limit", static_cast<double>(cost.opsLimit)},
        {"mem_limit", static_cast<double>(cost.memLimit)},
    };
    QJsonObject obj{{"format_version", formatVersion}, {"kdf", kdf}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw StoreError("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    file.write(QJsonDocument(obj).toJson());
    if (!file.commit())
        throw StoreError("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
}

} // namespace cachet::store
