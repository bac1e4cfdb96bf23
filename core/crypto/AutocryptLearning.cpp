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
    std::vector<std::string> out;
    for (const mime::HeaderField& field : outerHeader.fields()) {
        if (!text::equalsIgnoreCase(field.name, "To") && !text::equalsIgnoreCase(field.name, "Cc"))
            continue;
        for (const mime::DisplayAddress& a : mime::parseAddressList(field.rawValue)) {
            std::string address = text::asciiLower(a.address);
            if (address.find('@') != std::string::npos && std::find(out.begin(), out.end(), address) == out.end())
                out.push_back(std::move(address));
        }
    }
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

AutocryptUpdate learnFromHeader(const QString& gnupgHome, store::Database& db, const mime::HeaderBlock& outerHeader,
                                std::int64_t now)
{
    if (isReport(outerHeader))
        return ignored({}, "a multipart/report message");
    const auto from = singleFromAddress(outerHeader);
    if (!from)
        return ignored({}, "From does not hold exactly one address");
    if (store::OwnKeys(db).byAddress(*from))
        return ignored(*from, "an own address");

    std::optional<AutocryptHeader> header;
    for (const mime::HeaderField& field : outerHeader.fields()) {
        if (!text::equalsIgnoreCase(field.name, "Autocrypt"))
            continue;
        ParsedAutocryptHeader parsed = parseAutocryptHeader(field.rawValue);
        if (!parsed.ok || parsed.header.address != *from)
            continue; // invalid, or about someone else: as if absent
        if (header)
            return ignored(*from, "more than one Autocrypt header for the sender");
        header = std::move(parsed.header);
    }

    const std::int64_t date = effectiveDate(outerHeader, now);
    store::AutocryptPeers peers(db);
    const std::optional<store::AutocryptPeer> known = peers.byAddress(*from);
    if (known && date < known->autocryptTimestamp)
        return ignored(*from, "older than the Autocrypt header already learned");

    std::string fingerprint;
    std::string unusable;
    if (header && known && known->publicKey == header->keyData && !known->publicKeyFingerprint.empty()) {
        fingerprint = known->publicKeyFingerprint; // the same key again (most mail): no gpg run
    } else if (header) {
        try {
            fingerprint = importAutocryptKey(gnupgHome, header->keyData);
        } catch (const CryptoError& e) {
            unusable = e.what();
            header.reset(); // an unusable key: as if there were no header
        }
    }
    if (!header) {
        if (!known)
            return ignored(*from, unusable.empty() ? "no Autocrypt header" : unusable);
        if (date <= known->lastSeen)
            return ignored(*from, "not newer than the last message seen");
        store::AutocryptPeer peer = *known;
        peer.lastSeen = date;
        store::Transaction tx(db);
        peers.put(peer);
        tx.commit();
        AutocryptUpdate u = ignored(*from, unusable.empty() ? "no Autocrypt header" : unusable);
        u.outcome = AutocryptUpdate::Outcome::SeenOnly;
        return u;
    }

    store::AutocryptPeer peer = known.value_or(store::AutocryptPeer{});
    peer.address = *from;
    peer.lastSeen = std::max(peer.lastSeen, date);
    peer.autocryptTimestamp = date;
    peer.publicKey = header->keyData;
    peer.publicKeyFingerprint = fingerprint;
    peer.preferEncrypt = header->preferEncrypt;
    store::Transaction tx(db);
    peers.put(peer);
    tx.commit();
    AutocryptUpdate u;
    u.outcome = AutocryptUpdate::Outcome::KeyLearned;
    u.address = *from;
    u.fingerprint = fingerprint;
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
    store::AutocryptPeers peers(db);
    store::OwnKeys own(db);
    std::size_t seen = 0;
    for (const mime::HeaderField& field : innerHeader.fields()) {
        if (!text::equalsIgnoreCase(field.name, "Autocrypt-Gossip"))
            continue;
        if (++seen > kMaxGossipHeaders)
            break;
        const ParsedAutocryptHeader parsed = parseAutocryptHeader(field.rawValue);
        if (!parsed.ok)
            continue;
        const std::string& address = parsed.header.address;
        if (std::find(recipients.begin(), recipients.end(), address) == recipients.end() || own.byAddress(address))
            continue;
        store::AutocryptPeer peer = peers.byAddress(address).value_or(store::AutocryptPeer{});
        if (effectiveDate <= peer.gossipTimestamp)
            continue;
        std::string fingerprint;
        try {
            fingerprint = importAutocryptKey(gnupgHome, parsed.header.keyData);
        } catch (const CryptoError&) {
            continue;
        }
        peer.address = address;
        peer.gossipTimestamp = effectiveDate;
        peer.gossipKey = parsed.header.keyData;
        peer.gossipKeyFingerprint = fingerprint;
        store::Transaction tx(db);
        peers.put(peer);
        tx.commit();
        learned.push_back({address, fingerprint});
    }
    return learned;
}

} // namespace cachet::crypto
