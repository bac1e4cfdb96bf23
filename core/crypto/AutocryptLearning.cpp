#include "crypto/AutocryptLearning.h"

#include "crypto/AutocryptHeader.h"
#include "crypto/CryptoError.h"
#include "crypto/PeerKeyImport.h"
#include "mime/ContentFields.h"
#include "mime/Decoding.h"
#include "store/AutocryptPeers.h"
#include "store/OwnKeys.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <optional>

namespace cachet::crypto {

namespace {

// Each gossip header costs a gpg import: a message naming more is a mass mailing.
constexpr std::size_t kMaxGossipHeaders = 100;

AutocryptUpdate ignored(std::string address, std::string reason)
{
    AutocryptUpdate u;
    u.address = std::move(address);
    u.reason = std::move(reason);
    return u;
}

bool isReport(const mime::HeaderBlock& header)
{
    const auto type = mime::parseContentType(header.value("Content-Type"));
    return type && text::equalsIgnoreCase(type->type, "multipart") && text::equalsIgnoreCase(type->subtype, "report");
}

// The one address of From, lower case; nullopt for none or several.
std::optional<std::string> singleFromAddress(const mime::HeaderBlock& header)
{
    if (header.count("From") != 1)
        return std::nullopt;
    const auto addresses = mime::parseAddressList(header.value("From"));
    if (addresses.size() != 1 || addresses.front().address.find('@') == std::string::npos)
        return std::nullopt;
    return text::asciiLower(addresses.front().address);
}

} // namespace

std::int64_t effectiveDate(const mime::HeaderBlock& header, std::int64_t now)
{
    const auto date = mime::parseDate(header.value("Date"));
    return date ? std::min(*date, now) : now;
}

std::vector<std::string> gossipRecipients(const mime::HeaderBlock& outerHeader)
{
    std::vector<std::string> out = mime::addressesIn(outerHeader, {"To", "Cc"});
    std::erase_if(out, [](const std::string& a) { return a.find('@') == std::string::npos; });
    return out;
}

std::string_view headerBlockOf(std::string_view rawMessage)
{
    if (rawMessage.rfind("\r\n", 0) == 0 || rawMessage.rfind("\n", 0) == 0)
        return {};
    const std::size_t crlf = rawMessage.find("\n\r\n");
    const std::size_t lf = rawMessage.find("\n\n");
    const std::size_t end = std::min(crlf, lf);
    return end == std::string_view::npos ? rawMessage : rawMessage.substr(0, end + 1);
}

SenderAutocrypt readSenderAutocrypt(const mime::HeaderBlock& outerHeader, std::int64_t now)
{
    SenderAutocrypt out;
    out.date = effectiveDate(outerHeader, now);
    if (isReport(outerHeader)) {
        out.ignored = "a multipart/report message";
        return out;
    }
    const auto from = singleFromAddress(outerHeader);
    if (!from) {
        out.ignored = "From does not hold exactly one address";
        return out;
    }
    out.address = *from;
    for (const mime::HeaderField& field : outerHeader.fields()) {
        if (!text::equalsIgnoreCase(field.name, "Autocrypt"))
            continue;
        ParsedAutocryptHeader parsed = parseAutocryptHeader(field.rawValue);
        if (!parsed.ok || parsed.header.address != *from)
            continue; // invalid, or about someone else: as if absent
        if (out.header) {
            out.header.reset();
            out.ignored = "more than one Autocrypt header for the sender";
            return out;
        }
        out.header = std::move(parsed.header);
    }
    return out;
}

std::vector<AutocryptHeader> readGossip(const mime::HeaderBlock& innerHeader, const std::vector<std::string>& recipients)
{
    std::vector<AutocryptHeader> out;
    std::size_t seen = 0;
    for (const mime::HeaderField& field : innerHeader.fields()) {
        if (!text::equalsIgnoreCase(field.name, "Autocrypt-Gossip"))
            continue;
        if (++seen > kMaxGossipHeaders)
            break;
        ParsedAutocryptHeader parsed = parseAutocryptHeader(field.rawValue);
        if (parsed.ok && std::find(recipients.begin(), recipients.end(), parsed.header.address) != recipients.end())
            out.push_back(std::move(parsed.header));
    }
    return out;
}

AutocryptUpdate applySenderAutocrypt(store::Database& db, const SenderAutocrypt& sender,
                                     const std::string& keyFingerprint, const std::string& unusable)
{
    if (!sender.ignored.empty())
        return ignored(sender.address, sender.ignored);
    if (store::OwnKeys(db).byAddress(sender.address))
        return ignored(sender.address, "an own address");
    store::AutocryptPeers peers(db);
    const std::optional<store::AutocryptPeer> known = peers.byAddress(sender.address);
    if (known && sender.date < known->autocryptTimestamp)
        return ignored(sender.address, "older than the Autocrypt header already learned");

    const bool usableHeader = sender.header && !keyFingerprint.empty();
    if (!usableHeader) {
        const std::string why = !sender.header ? "no Autocrypt header" : unusable;
        if (!known)
            return ignored(sender.address, why);
        if (sender.date <= known->lastSeen)
            return ignored(sender.address, "not newer than the last message seen");
        store::AutocryptPeer peer = *known;
        peer.lastSeen = sender.date;
        peers.put(peer);
        AutocryptUpdate u = ignored(sender.address, why);
        u.outcome = AutocryptUpdate::Outcome::SeenOnly;
        return u;
    }

    store::AutocryptPeer peer = known.value_or(store::AutocryptPeer{});
    peer.address = sender.address;
    peer.lastSeen = std::max(peer.lastSeen, sender.date);
    peer.autocryptTimestamp = sender.date;
    peer.publicKey = sender.header->keyData;
    peer.publicKeyFingerprint = keyFingerprint;
    peer.preferEncrypt = sender.header->preferEncrypt;
    peers.put(peer);
    AutocryptUpdate u;
    u.outcome = AutocryptUpdate::Outcome::KeyLearned;
    u.address = sender.address;
    u.fingerprint = keyFingerprint;
    return u;
}

std::optional<GossipUpdate> applyGossip(store::Database& db, const AutocryptHeader& gossip,
                                        const std::string& keyFingerprint, std::int64_t effectiveDate)
{
    if (keyFingerprint.empty() || store::OwnKeys(db).byAddress(gossip.address))
        return std::nullopt;
    store::AutocryptPeers peers(db);
    store::AutocryptPeer peer = peers.byAddress(gossip.address).value_or(store::AutocryptPeer{});
    if (effectiveDate <= peer.gossipTimestamp)
        return std::nullopt;
    peer.address = gossip.address;
    peer.gossipTimestamp = effectiveDate;
    peer.gossipKey = gossip.keyData;
    peer.gossipKeyFingerprint = keyFingerprint;
    peers.put(peer);
    return GossipUpdate{gossip.address, keyFingerprint};
}

AutocryptUpdate learnFromHeader(const QString& gnupgHome, store::Database& db, const mime::HeaderBlock& outerHeader,
                                std::int64_t now)
{
    const SenderAutocrypt sender = readSenderAutocrypt(outerHeader, now);
    std::string fingerprint;
    std::string unusable;
    if (sender.header && !store::OwnKeys(db).byAddress(sender.address)) {
        const auto known = store::AutocryptPeers(db).byAddress(sender.address);
        if (known && known->publicKey == sender.header->keyData && !known->publicKeyFingerprint.empty()) {
            fingerprint = known->publicKeyFingerprint; // the same key again (most mail): no gpg run
        } else {
            try {
                fingerprint = importAutocryptKey(gnupgHome, sender.header->keyData);
            } catch (const CryptoError& e) {
                unusable = e.what();
            }
        }
    }
    store::Transaction tx(db);
    AutocryptUpdate u = applySenderAutocrypt(db, sender, fingerprint, unusable);
    tx.commit();
    return u;
}

AutocryptUpdate learnFromMessage(const QString& gnupgHome, store::Database& db, std::string_view rawMessage,
                                 std::int64_t now)
{
    return learnFromHeader(gnupgHome, db, mime::HeaderBlock(headerBlockOf(rawMessage)), now);
}

std::vector<GossipUpdate> learnGossip(const QString& gnupgHome, store::Database& db,
                                      const mime::HeaderBlock& innerHeader,
                                      const std::vector<std::string>& recipients, std::int64_t effectiveDate)
{
    std::vector<GossipUpdate> learned;
    for (const AutocryptHeader& gossip : readGossip(innerHeader, recipients)) {
        std::string fingerprint;
        try {
            fingerprint = importAutocryptKey(gnupgHome, gossip.keyData);
        } catch (const CryptoError&) {
            continue;
        }
        store::Transaction tx(db);
        if (auto u = applyGossip(db, gossip, fingerprint, effectiveDate))
            learned.push_back(std::move(*u));
        tx.commit();
    }
    return learned;
}

} // namespace cachet::crypto
