#include "account/CertificatePinDialog.h"

#include "sync/CertificatePolicy.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cachet::ui {

namespace {

// 32 bytes as two lines of 16, so the dialog stays narrow and the halves are
// easy to compare one at a time.
QString inTwoLines(const QString& colonForm)
{
    constexpr qsizetype kFirstLine = 16 * 3; // "ab:" sixteen times
    if (colonForm.size() <= kFirstLine)
        return colonForm;
    return colonForm.left(kFirstLine) + '\n' + colonForm.mid(kFirstLine);
}

// The test's words end with the fingerprint, which the dialog shows on its own.
QString withoutFingerprint(const QString& problem, const QString& fingerprint)
{
    const QString suffix = QStringLiteral("; its SHA-256 is ") + fingerprint;
    return problem.endsWith(suffix) ? problem.chopped(suffix.size()) : problem;
}

QLabel* wrappedLabel(const QString& text, const char* objectName)
{
    auto* label = new QLabel(text);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

} // namespace

CertificatePinDialog::CertificatePinDialog(RefusedCertificate certificate, QWidget* parent)
    : QDialog(parent), m_certificate(std::move(certificate))
{
    setWindowTitle(tr("Certificate not trusted"));
    setObjectName("certificatePinDialog");

    auto* heading = wrappedLabel(tr("<b>This system does not trust the certificate of %1</b>")
                                     .arg(m_certificate.host.toHtmlEscaped()),
                                 "headingLabel");
    heading->setTextFormat(Qt::RichText);

    auto* explanation = wrappedLabel(
        tr("The %1 server %2 (port %3) showed a certificate that no certificate authority known to this system "
           "vouches for. Servers with a self-signed certificate do this, but so does someone who intercepts the "
           "connection.")
            .arg(m_certificate.service, m_certificate.host)
            .arg(m_certificate.port),
        "explanationLabel");

    auto* fingerprintTitle = new QLabel(tr("SHA-256 fingerprint of the certificate:"));
    auto* fingerprintLabel = new QLabel(inTwoLines(fingerprint()));
    fingerprintLabel->setObjectName("fingerprintLabel");
    fingerprintLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto* advice = wrappedLabel(
        tr("Compare it with the fingerprint your provider publishes, or that the server's administrator gives you. "
           "Trust the certificate only if the two are the same: Cachet will then accept this certificate, and only "
           "this one, for this account."),
        "adviceLabel");

    auto* problem = wrappedLabel(tr("Why: %1").arg(withoutFingerprint(m_certificate.problem, fingerprint())),
                                 "problemLabel");
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem->setVisible(!m_certificate.problem.isEmpty());

    auto* buttons = new QDialogButtonBox;
    auto* trust = buttons->addButton(tr("Trust this certificate"), QDialogButtonBox::AcceptRole);
    trust->setObjectName("trustButton");
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName("cancelButton");
    // Trusting must be a choice: Enter does not do it.
    trust->setAutoDefault(false);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(explanation);
    layout->addSpacing(6);
    layout->addWidget(fingerprintTitle);
    layout->addWidget(fingerprintLabel);
    layout->addSpacing(6);
    layout->addWidget(advice);
    layout->addWidget(problem);
    layout->addWidget(buttons);
}

QString CertificatePinDialog::fingerprint() const
{
    return QString::fromStdString(sync::colonSeparated(m_certificate.sha256));
}

} // namespace cachet::ui
