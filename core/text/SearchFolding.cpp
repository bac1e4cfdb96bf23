#include "text/SearchFolding.h"

#include "text/AsciiText.h"

#include <QString>

namespace cachet::text {

std::string foldForSearch(std::string_view utf8)
{
    bool ascii = true;
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return asciiLower(utf8);
    const QString text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    return text.normalized(QString::NormalizationForm_KD).toCaseFolded().toStdString();
}

} // namespace cachet::text
