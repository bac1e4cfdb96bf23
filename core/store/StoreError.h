#pragma once
#include <stdexcept>
#include <string>

namespace cachet::store {

// Every failure of the store reaches callers as this one type; `what()` is one
// line fit to show a user.
class StoreError : public std::runtime_error {
public:
    enum class Kind { Generic, WrongPassphrase, NotAProfile, ProfileExists, Corrupt, Busy };
    explicit StoreError(const std::string& message, Kind kind = Kind::Generic)
        : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace cachet::store
