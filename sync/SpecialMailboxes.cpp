#include "sync/SpecialMailboxes.h"

#include "text/AsciiText.h"

#include <array>
#include <utility>

namespace cachet::sync {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kUsualNames = {{
    {"sent", "\\Sent"},
    {"sent items", "\\Sent"},
    {"sent messages", "\\Sent"},
    {"sent mail", "\\Sent"},
    {"drafts", "\\Drafts"},
    {"draft", "\\Drafts"},
    {"trash", "\\Trash"},
    {"deleted items", "\\Trash"},
    {"deleted messages", "\\Trash"},
    {"bin", "\\Trash"},
    {"junk", "\\Junk"},
    {"spam", "\\Junk"},
    {"junk e-mail", "\\Junk"},
    {"junk email", "\\Junk"},
    {"bulk mail", "\\Junk"},
    {"archive", "\\Archive"},
    {"archives", "\\Archive"},
}};

} // namespace

std::optional<std::string> specialUseByName(std::string_view name)
{
    const std::size_t slash = name.rfind(store::Mailboxes::kDelimiter);
    const std::string last = text::asciiLower(slash == std::string_view::npos ? name : name.substr(slash + 1));
    for (const auto& [usual, use] : kUsualNames) {
        if (last == usual)
            return std::string(use);
    }
    return std::nullopt;
}

store::Mailbox specialMailbox(store::Database& db, std::string_view specialUse, std::string_view fallbackName)
{
    store::Mailboxes mailboxes(db);
    if (auto marked = mailboxes.bySpecialUse(specialUse))
        return *marked;
    for (const store::Mailbox& m : mailboxes.all()) {
        auto use = specialUseByName(m.name);
        if (use && text::equalsIgnoreCase(*use, specialUse) && !m.noselect) {
            mailboxes.setSpecialUse(m.id, specialUse);
            return *mailboxes.byId(m.id);
        }
    }
    return mailboxes.ensure(fallbackName, specialUse);
}

} // namespace cachet::sync
