#include "store/Settings.h"

namespace cachet::store {

std::optional<std::string> Settings::get(std::string_view key)
{
    Statement st = m_db.prepare("SELECT value FROM setting WHERE key = ?");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return st.columnBlob(0);
}

void Settings::set(std::string_view key, std::string_view value)
{
    Statement st = m_db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)");
    st.bind(1, key).bindBlob(2, value);
    st.run();
}

} // namespace cachet::store
