#pragma once
// The arguments of one verb: options (--name VALUE, --flag) and positionals.

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <set>
#include <string>

namespace cachet::cli {

class Arguments {
public:
    // `valueOptions` take a value, `flagOptions` do not; anything else starting
    // with "--" is a usage error naming it.
    Arguments(const QStringList& args, const std::set<QString>& valueOptions, const std::set<QString>& flagOptions);

    std::optional<QString> value(const QString& option) const;
    bool flag(const QString& option) const { return m_flags.count(option) > 0; }
    const QStringList& positionals() const { return m_positionals; }
    // Exactly `n` positionals, else a usage error mentioning `usage`.
    void expectPositionals(int n, const char* usage) const;

private:
    std::map<QString, QString> m_values;
    std::set<QString> m_flags;
    QStringList m_positionals;
};

} // namespace cachet::cli
