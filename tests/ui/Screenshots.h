#pragma once
// The GUI suites save what a user would see into <build>/screenshots, for
// people reviewing a change (issue 6); nothing is compared against them.

#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace cachet::test {

// Saves `widget` as <build>/screenshots/<name>.png; false if it could not be written.
inline bool saveScreenshot(QWidget& widget, const QString& name)
{
    QDir().mkpath(QStringLiteral(CACHET_SCREENSHOT_DIR));
    return widget.grab().save(QStringLiteral(CACHET_SCREENSHOT_DIR) + '/' + name + ".png");
}

} // namespace cachet::test
