#include "crypto/AutocryptRecommendation.h"

#include "crypto/AutocryptHeader.h"
#include "crypto/Keyring.h"
#include "store/AutocryptPeers.h"
#include "store/OwnKeys.h"
#include "store/PeerKeys.h"
#include "text/AsciiText.h"

#include <algorithm>

namespace cachet::crypto {

namespace {

// Level 1: a peer whose Autocrypt header was last seen more than 35 days
// before its newest mail may have moved to a client without Autocrypt.
constexpr std::int64_t kStaleAfterSeconds = 35 * 24 * 60 * 60;

std::string trimmedLower(const std::string& address)
{
    const std::size_t b = address.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const std::size_t e = address.find_last_not_of(" \t");
    return text::asciiLower(address.substr(b, e - b + 1));
}

using Encryptable = std::set<std::string>;

bool counts(const std::string& fingerprint, const Encryptable* encryptable)
{
    return !fingerprint.empty() && (!encryptable || encryptable->count(fingerprint));
}

// Level 1, "Provide a recommendation", for one recipient from its peer state.
RecipientRecommendation fromPeerState(const store::AutocryptPeer& peer, bool ownMutual, const Encryptable* encryptable)
{
    RecipientRecommendation r;
    if (counts(peer.publicKeyFingerprint, encryptable)) {
        r.fingerprint = peer.publicKeyFingerprint;
        if (peer.autocryptTimestamp < peer.lastSeen - kStaleAfterSeconds)
            r.recommendation = Recommendation::Discourage;
        else if (ownMutual && peer.preferEncrypt == kPreferEncryptMutual)
            r.recommendation = Recommendation::Encrypt;
        else
            r.recommendation = Recommendation::Available;
    } else if (counts(peer.gossipKeyFingerprint, encryptable)) {
        r.fingerprint = peer.gossipKeyFingerprint;
        r.recommendation = Recommendation::Discourage;
    }
    return r;
}

RecipientRecommendation forRecipient(store::Database& db, const std::string& address, bool ownMutual,
                                     const Encryptable* encryptable)
{
    RecipientRecommendation r;
    // Mail to oneself is encrypted to one's own key, which is always there.
    if (auto own = store::OwnKeys(db).byAddress(address)) {
        r.recommendation = Recommendation::Encrypt;
        r.fingerprint = own->fingerprint;
    } else if (auto peer = store::AutocryptPeers(db).byAddress(address)) {
        r = fromPeerState(*peer, ownMutual, encryptable);
    }
    // A key the user imported, or one the peer attached to a message, is a key
    // to encrypt to: at least Available, whatever Autocrypt says.
    if (r.recommendation < Recommendation::Available) {
        std::vector<store::PeerKey> keys = store::PeerKeys(db).byAddress(address);
        std::erase_if(keys, [&](const store::PeerKey& k) { return !counts(k.fingerprint, encryptable); });
        if (!keys.empty()) {
            const auto manual = std::find_if(keys.begin(), keys.end(),
                                             [](const store::PeerKey& k) { return k.source == store::kPeerKeyManual; });
            r.fingerprint = manual != keys.end() ? manual->fingerprint : keys.front().fingerprint;
            r.recommendation = Recommendation::Available;
        }
    }
    r.address = address;
    if (r.recommendation == Recommendation::Disable)
        r.fingerprint.clear();
    return r;
}

} // namespace

std::vector<std::string> EncryptionRecommendation::keyless() const
{
    std::vector<std::string> out;
    for (const RecipientRecommendation& r : recipients)
        if (r.recommendation == Recommendation::Disable)
            out.push_back(r.address);
    return out;
}

EncryptionRecommendation recommendEncryption(store::Database& db, const std::vector<std::string>& recipients,
                                             const std::string& ownPreferEncrypt, bool replyToEncrypted,
                                             const std::set<std::string>* encryptable)
{
    EncryptionRecommendation out;
    const bool ownMutual = ownPreferEncrypt == kPreferEncryptMutual;
    for (const std::string& recipient : recipients)
        out.recipients.push_back(forRecipient(db, trimmedLower(recipient), ownMutual, encryptable));
    if (out.recipients.empty())
        return out; // nobody to decide for: Disable
    // Level 1, "Recommendations for messages to multiple addresses": the weakest decides,
    // and Encrypt only if every one is Encrypt.
    Recommendation weakest = Recommendation::Encrypt;
    for (const RecipientRecommendation& r : out.recipients)
        weakest = std::min(weakest, r.recommendation);
    out.overall = weakest;
    // A reply to encrypted mail stays encrypted whenever it can be.
    if (replyToEncrypted && weakest >= Recommendation::Discourage)
        out.overall = Recommendation::Encrypt;
    return out;
}

std::set<std::string> keysGpgCanEncryptTo(const QString& gnupgHome)
{
    std::set<std::string> out;
    for (const KeyInfo& key : Keyring(gnupgHome).list())
        if (key.canEncrypt && !key.revoked && !key.expired)
            out.insert(key.fingerprint);
    return out;
}

} // namespace cachet::crypto
