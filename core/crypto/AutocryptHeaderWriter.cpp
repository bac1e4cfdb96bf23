#include "crypto/AutocryptHeaderWriter.h"

#include <QByteArray>

namespace cachet::crypto {

namespace {
// A continuation line is a space and this many base64 characters: 77 < 78.
constexpr qsizetype kKeydataLine = 76;
} // namespace

std::string autocryptHeaderValue(std::string_view address, bool preferEncryptMutual, std::string_view keyData)
{
    std::string out = " addr=" + std::string(address) + ";";
    if (preferEncryptMutual)
        out += " prefer-encrypt=mutual;";
    out += " keydata=";
    const QByteArray base64 =
        QByteArray(keyData.data(), static_cast<qsizetype>(keyData.size())).toBase64();
    for (qsizetype at = 0; at < base64.size(); at += kKeydataLine)
        out += "\r\n " + base64.mid(at, kKeydataLine).toStdString();
    return out;
}

std::string autocryptField(std::string_view address, bool preferEncryptMutual, std::string_view keyData)
{
    return "Autocrypt:" + autocryptHeaderValue(address, preferEncryptMutual, keyData) + "\r\n";
}

std::string autocryptGossipField(std::string_view address, std::string_view keyData)
{
    return "Autocrypt-Gossip:" + autocryptHeaderValue(address, false, keyData) + "\r\n";
}

} // namespace cachet::crypto
