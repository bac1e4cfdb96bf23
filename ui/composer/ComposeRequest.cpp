#include "composer/ComposeRequest.h"

#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"
#include "text/AsciiText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <set>

namespace cachet::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cachet::ui::ComposeRequest", text);
}

std::string mailboxText(const mime::DisplayAddress& a)
{
    if (a.name.empty())
        return a.address;
    const std::vector<mime::DisplayAddress> one{a};
    return mime::formatAddressList(one);
}

std::vector<std::string> mailboxes(std::string_view rawValue)
{
    std::vector<std::string> out;
    for (const mime::DisplayAddress& a : mime::parseAddressList(rawValue))
        if (!a.address.empty())
            out.push_back(mailboxText(a));
    return out;
}

// "Re: " once: "Re: Re: x" and "RE: x" become "Re: x" (RFC 5322 §3.6.5).
std::string prefixed(const std::string& subject, const char* prefix, std::initializer_list<const char*> known)
{
    std::string rest = subject;
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (const char* k : known) {
            const std::size_t n = std::char_traits<char>::length(k);
            if (rest.size() >= n && text::equalsIgnoreCase(std::string_view(rest).substr(0, n), k)) {
                rest.erase(0, n);
                rest.erase(0, rest.find_first_not_of(' '));
                stripped = true;
            }
        }
    }
    return std::string(prefix) + rest;
}

std::string quoted(const std::string& text)
{
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = text.find('\n', pos);
        const std::string line = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
        if (eol == std::string::npos && line.empty())
            break;
        out += (line.empty() || line[0] == '>') ? ">" + line : "> " + line;
        out += '\n';
        if (eol == std::string::npos)
            break;
        pos = eol + 1;
    }
    return out;
}

QString when(const mime::MessageDigest& d)
{
    if (!d.date)
        return tr("an unknown date");
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(*d.date), QLocale::LongFormat);
}

// The original's attachments, decoded, for an inline forward.
void collectAttachments(std::string_view raw, const mime::MimeEntity& e, std::vector<mime::ComposedAttachment>& out,
                        int depth)
{
    if (depth > 32 || out.size() > 200)
        return;
    if (!e.isLeaf()) {
        if (e.isEmbeddedMessage())
            return; // a forwarded message inside stays inside its own text
        for (const mime::MimeEntity& child : e.children)
            collectAttachments(raw, child, out, depth + 1);
        return;
    }
    const std::string name = mime::attachmentFileName(raw, e);
    const bool attachment = e.disposition == "attachment" || (!name.empty() && e.type != "text");
    if (!attachment)
        return;
    out.push_back({name.empty() ? "attachment" : name, e.type + "/" + e.subtype,
                   mime::decodeTransferEncoding(raw.substr(e.bodyBegin, e.bodyEnd - e.bodyBegin), e.transferEncoding,
                                                64u << 20)});
}

} // namespace

std::string displayList(const std::vector<std::string>& list)
{
    std::string out;
    for (const std::string& m : list)
        out += (out.empty() ? "" : ", ") + m;
    return out;
}

std::vector<std::string> splitRecipients(const std::string& text, std::vector<std::string>* invalid)
{
    std::vector<std::string> out;
    for (const mime::DisplayAddress& a : mime::parseAddressList(text)) {
        if (a.address.find('@') == std::string::npos || a.address.front() == '@' || a.address.back() == '@') {
            if (invalid)
                invalid->push_back(a.address.empty() ? a.name : a.address);
            continue;
        }
        out.push_back(mailboxText(a));
    }
    return out;
}

ComposeRequest composeRequest(ComposeKind kind, const OwnIdentity& own, const std::string& original)
{
    ComposeRequest request;
    request.kind = kind;
    mime::ComposedMessage& m = request.message;
    m.from = own.name.empty() ? own.address : mailboxText({own.name, own.address});
    if (kind == ComposeKind::New)
        return request;

    const mime::MimeEntity tree = mime::parseMimeTree(original);
    const mime::MessageDigest d = mime::digestMessage(original, tree);
    const mime::HeaderBlock header(std::string_view(original).substr(0, tree.headerEnd));

    if (kind == ComposeKind::Draft) {
        m.to = mailboxes(header.value("To"));
        m.cc = mailboxes(header.value("Cc"));
        m.bcc = mailboxes(header.value("Bcc"));
        m.subject = d.subject;
        m.body = d.bodyText;
        m.inReplyTo = d.inReplyTo;
        m.references = d.references;
        collectAttachments(original, tree, m.attachments, 0);
        return request;
    }

    if (kind == ComposeKind::Reply || kind == ComposeKind::ReplyAll) {
        const std::string replyTo(header.value("Reply-To"));
        m.to = mailboxes(replyTo.empty() ? header.value("From") : std::string_view(replyTo));
        if (kind == ComposeKind::ReplyAll) {
            for (const std::string& a : mailboxes(header.value("To")))
                m.to.push_back(a);
            m.cc = mailboxes(header.value("Cc"));
        }
        // Never to oneself (unless one wrote only to oneself), and each address once.
        std::set<std::string> seen{own.address};
        const auto keep = [&](std::vector<std::string>& list) {
            std::vector<std::string> kept;
            for (const std::string& a : list)
                if (seen.insert(mime::bareAddress(a)).second)
                    kept.push_back(a);
            list = std::move(kept);
        };
        const std::vector<std::string> firstTo = m.to;
        keep(m.to);
        keep(m.cc);
        if (m.to.empty() && m.cc.empty())
            m.to = firstTo;
        m.subject = prefixed(d.subject, "Re: ", {"re:", "aw:", "sv:"});
        m.inReplyTo = d.messageId;
        m.references = d.references;
        if (!d.messageId.empty())
            m.references.push_back(d.messageId);
        const QString from = QString::fromStdString(d.from);
        m.body = "\n\n" + tr("On %1, %2 wrote:").arg(when(d), from).toStdString() + "\n" + quoted(d.bodyText);
        return request;
    }

    m.subject = prefixed(d.subject, "Fwd: ", {"fwd:", "fw:"});
    if (kind == ComposeKind::ForwardAttached) {
        m.attachedMessages.push_back(original);
        return request;
    }
    std::string intro = "\n\n-------- " + tr("Forwarded Message").toStdString() + " --------\n";
    intro += tr("Subject:").toStdString() + " " + d.subject + "\n";
    intro += tr("Date:").toStdString() + " " + when(d).toStdString() + "\n";
    intro += tr("From:").toStdString() + " " + d.from + "\n";
    intro += tr("To:").toStdString() + " " + d.to + "\n";
    if (!d.cc.empty())
        intro += tr("Cc:").toStdString() + " " + d.cc + "\n";
    m.body = intro + "\n" + d.bodyText;
    collectAttachments(original, tree, m.attachments, 0);
    return request;
}

} // namespace cachet::ui
