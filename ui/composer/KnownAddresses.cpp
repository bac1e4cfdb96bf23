#include "composer/KnownAddresses.h"

#include "mime/Decoding.h"
#include "text/AsciiText.h"

#include <set>

namespace cachet::ui {

QStringList knownAddresses(store::Database& db, int limit)
{
    QStringList out;
    std::set<std::string> seen;
    const auto add = [&](const std::string& name, const std::string& address) {
        if (address.find('@') == std::string::npos || out.size() >= limit)
            return;
        if (!seen.insert(text::asciiLower(address)).second)
            return;
        out << (name.empty() ? QString::fromStdString(address)
                             : QString::fromStdString(mime::formatAddressList({{name, address}})));
    };
    // The newest messages only: a long-kept mailbox would otherwise cost a full scan per composer.
    store::Statement st = db.prepare("SELECT from_text, to_text, cc_text FROM message ORDER BY id DESC LIMIT 20000");
    while (st.step() && out.size() < limit)
        for (int column = 0; column < 3; ++column)
            for (const mime::DisplayAddress& a : mime::parseAddressList(st.columnText(column)))
                add(a.name, a.address);
    store::Statement peers = db.prepare("SELECT address FROM autocrypt_peer ORDER BY last_seen DESC");
    while (peers.step())
        add({}, peers.columnText(0));
    return out;
}

} // namespace cachet::ui
