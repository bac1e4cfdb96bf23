#include "Arguments.h"

#include "CliError.h"

namespace cachet::cli {

Arguments::Arguments(const QStringList& args, const std::set<QString>& valueOptions,
                     const std::set<QString>& flagOptions)
{
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (onlyPositionals || !a.startsWith("--") || a == "-") {
            m_positionals << a;
            continue;
        }
        if (a == "--") {
            onlyPositionals = true;
            continue;
        }
        QString name = a;
        std::optional<QString> inlineValue;
        if (const qsizetype eq = a.indexOf('='); eq > 0) {
            name = a.left(eq);
            inlineValue = a.mid(eq + 1);
        }
        if (valueOptions.count(name)) {
            if (inlineValue) {
                m_values[name] = *inlineValue;
            } else if (i + 1 < args.size()) {
                m_values[name] = args[++i];
            } else {
                throw usageError(name.toStdString() + " needs a value");
            }
        } else if (flagOptions.count(name) && !inlineValue) {
            m_flags.insert(name);
        } else {
            throw usageError("unknown option " + name.toStdString());
        }
    }
}

std::optional<QString> Arguments::value(const QString& option) const
{
    auto it = m_values.find(option);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

void Arguments::expectPositionals(int n, const char* usage) const
{
    if (m_positionals.size() != n)
        throw usageError(std::string("usage: cachet-cli ") + usage);
}

} // namespace cachet::cli
