#include "crypto/ArrivalLearning.h"

#include "crypto/CryptoError.h"
#include "mime/Decoding.h"
#include "mime/MimeEntity.h"

#include <algorithm>

namespace cachet::crypto {

namespace {

// A key is a few KiB, a large keyring export some hundreds: parts beyond
// these bounds are not keys a sender attaches for a reader.
constexpr std::size_t kMaxAttachedKeyParts = 4;
constexpr std::size_t kMaxAttachedKeyBytes = 1024 * 1024;
// Distinct keys remembered per run; past it the memory starts over.
constexpr std::size_t kMaxRememberedKeys = 1000;

void collectKeyParts(const mime::MimeEntity& entity, std::vector<const mime::MimeEntity*>& out)
{
    if (out.size() >= kMaxAttachedKeyParts)
        return;
    if (entity.isLeaf()) {
        if (entity.type == "application" && entity.subtype == "pgp-keys"
            && entity.bodyEnd - entity.bodyBegin <= 2 * kMaxAttachedKeyBytes)
            out.push_back(&entity);
        return;
    }
    if (entity.isEmbeddedMessage())
        return; // a forwarded message's keys are its sender's, not this one's
    for (const mime::MimeEntity& child : entity.children)
        collectKeyParts(child, out);
}

} // namespace

ArrivalKeyImports::ArrivalKeyImports(QString gnupgHome, std::vector<std::string> ownAddresses)
    : m_home(std::move(gnupgHome)), m_own(std::move(ownAddresses))
{
}

bool ArrivalKeyImports::isOwn(const std::string& address) const
{
    return std::find(m_own.begin(), m_own.end(), address) != m_own.end();
}

ArrivalKeyImports::Imported ArrivalKeyImports::importAutocrypt(const std::string& keyData)
{
    {
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_imported.find(keyData); it != m_imported.end())
            return it->second;
    }
    Imported result;
    try {
        result.fingerprint = importAutocryptKey(m_home, keyData);
    } catch (const CryptoError& e) {
        result.error = e.what();
    }
    const std::lock_guard lock(m_mutex);
    if (m_imported.size() >= kMaxRememberedKeys)
        m_imported.clear();
    m_imported.emplace(keyData, result);
    return result;
}

ArrivalLearning ArrivalKeyImports::readSender(const mime::HeaderBlock& outerHeader, std::int64_t now)
{
    ArrivalLearning learning;
    learning.arrivedAt = now;
    learning.sender = readSenderAutocrypt(outerHeader, now);
    if (learning.sender.header && !isOwn(learning.sender.address)) {
        const Imported imported = importAutocrypt(learning.sender.header->keyData);
        learning.senderFingerprint = imported.fingerprint;
        learning.senderUnusable = imported.error;
    }
    return learning;
}

void ArrivalKeyImports::readGossip(ArrivalLearning& learning, const mime::HeaderBlock& outerHeader,
                                   std::string_view innerHeaderBlock)
{
    learning.encrypted = true;
    const std::vector<AutocryptHeader> gossip =
        crypto::readGossip(mime::HeaderBlock(innerHeaderBlock), gossipRecipients(outerHeader));
    for (const AutocryptHeader& header : gossip) {
        if (isOwn(header.address))
            continue;
        Imported imported = importAutocrypt(header.keyData);
        if (!imported.fingerprint.empty())
            learning.gossip.emplace_back(header, std::move(imported.fingerprint));
    }
}

void ArrivalKeyImports::readAttachedKeys(ArrivalLearning& learning, std::string_view document,
                                         const mime::MimeEntity& root)
{
    if (learning.sender.address.empty() || isOwn(learning.sender.address))
        return;
    std::vector<const mime::MimeEntity*> parts;
    collectKeyParts(root, parts);
    for (const mime::MimeEntity* part : parts) {
        const std::string keyData = mime::decodeTransferEncoding(
            document.substr(part->bodyBegin, part->bodyEnd - part->bodyBegin), part->transferEncoding,
            kMaxAttachedKeyBytes);
        if (auto key = importAttachedKey(m_home, keyData, learning.sender.address))
            learning.attached.push_back(std::move(*key));
    }
}

void applyArrivalLearning(store::Database& db, const ArrivalLearning& learning)
{
    applySenderAutocrypt(db, learning.sender, learning.senderFingerprint, learning.senderUnusable);
    if (learning.encrypted)
        for (const auto& [header, fingerprint] : learning.gossip)
            applyGossip(db, header, fingerprint, learning.sender.date);
    for (const AttachedKey& key : learning.attached)
        recordAttachedKey(db, key, learning.arrivedAt);
}

} // namespace cachet::crypto
