// cachet: the desktop program. Everything it does is in cachet-ui
// (ui/window/DesktopApp); this reads the command line and starts it.
//
//   cachet [--profile DIR]
//
// The profile is found as cachet-cli finds it: --profile, else $CACHET_PROFILE,
// else $XDG_DATA_HOME/cachet/default.

#include "window/DesktopApp.h"

#include "store/Profile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

int main(int argc, char** argv)
{
    // A Qt program without a display aborts with a message nobody can act on: say what to run instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr, "cachet: no display. Without one, run the sync and the bridge with "
                             "`cachet-cli daemon`, and connect any mail program to it "
                             "(`cachet-cli bridge --settings` prints how).\n");
        return 2;
    }
    Q_INIT_RESOURCE(cachet);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Cachet"));
    QApplication::setOrganizationName(QStringLiteral("Cachet"));
    QApplication::setDesktopFileName(QStringLiteral("cachet"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/cachet/icons/cachet.svg")));

    QTranslator qtTranslator, translator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (translator.load(QLocale(), QStringLiteral("cachet"), QStringLiteral("_"), QStringLiteral(":/cachet/translations")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cachet: encrypted, local-first mail"));
    parser.addHelpOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"), QStringLiteral("The profile folder."),
                                           QStringLiteral("DIR"));
    parser.addOption(profileOption);
    parser.process(app);

    cachet::ui::DesktopApp desktop(cachet::store::Profile::resolveDirectory(parser.value(profileOption)),
                                   cachet::store::KdfCost::moderate());
    if (!desktop.unlockAndStart())
        return 1;
    // Closing the main window ends the program (a composer left open asks first about its draft).
    return QApplication::exec();
}
