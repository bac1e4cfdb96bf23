#include "imap/DateTime.h"

#include "text/AsciiText.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <charconv>

namespace cachet::imap {

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> number(std::string_view text)
{
    int value = 0;
    if (text.empty() || text.size() > 4)
        return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}
} // namespace

std::optional<std::int64_t> parseDateTime(std::string_view text)
{
    // DD-Mon-YYYY HH:MM:SS +ZZZZ, with " D" for one-digit days.
    if (!text.empty() && text[0] == ' ')
        text.remove_prefix(1);
    std::string_view day, rest;
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 2)
        return std::nullopt;
    day = text.substr(0, dash);
    rest = text.substr(dash + 1);
    if (rest.size() != 23 || rest[3] != '-' || rest[8] != ' ' || rest[11] != ':' || rest[14] != ':' || rest[17] != ' ')
        return std::nullopt;
    int month = 0;
    for (int m = 0; m < 12; ++m) {
        if (text::equalsIgnoreCase(rest.substr(0, 3), kMonths[m]))
            month = m + 1;
    }
    const auto d = number(day), y = number(rest.substr(4, 4)), hh = number(rest.substr(9, 2)),
               mm = number(rest.substr(12, 2)), ss = number(rest.substr(15, 2)), zone = number(rest.substr(19, 4));
    const char sign = rest[18];
    if (!month || !d || !y || !hh || !mm || !ss || !zone || (sign != '+' && sign != '-'))
        return std::nullopt;
    const QDate date(*y, month, *d);
    const QTime time(*hh, *mm, *ss);
    if (!date.isValid() || !time.isValid() || *zone % 100 >= 60)
        return std::nullopt;
    const int offset = (*zone / 100 * 3600 + *zone % 100 * 60) * (sign == '-' ? -1 : 1);
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() - offset;
}

std::string formatDateTime(std::int64_t epochSeconds)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC);
    const QDate date = utc.date();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%2d-%s-%04d %s +0000", date.day(), kMonths[date.month() - 1], date.year(),
                  utc.time().toString("HH:mm:ss").toLatin1().constData());
    return buffer;
}

} // namespace cachet::imap
