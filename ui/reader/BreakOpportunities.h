#pragma once
// QTextLayout wraps a line by looking ahead for a word boundary, and with
// WrapAtWordBoundaryOrAnywhere it looks to the end of the word before giving
// up: in a word of n characters that is n² / line width work. A 2 MB line
// without spaces kept the reader busy for minutes. So text written for
// QTextDocument gets a zero-width space (U+200B, a break opportunity that
// shows nothing) inside every run of more than kMaxUnbrokenRun characters.

#include <cstddef>
#include <string>

namespace cachet::ui {

inline constexpr std::size_t kMaxUnbrokenRun = 160;

class RunBreaker {
public:
    // Call before writing the text byte `c` (in whatever escaped form): adds
    // a break opportunity to `out` when the run it starts is too long. The
    // run carries over between calls, since "a<b>a</b>a..." is one word on
    // screen.
    void before(std::string& out, char c)
    {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r') {
            m_run = 0;
        } else if ((byte & 0xC0) != 0x80) { // the first byte of a character
            if (m_run >= kMaxUnbrokenRun) {
                out += "\xE2\x80\x8B"; // U+200B ZERO WIDTH SPACE
                m_run = 0;
            }
            ++m_run;
        }
    }
    // The next character starts a new run (after a line or block break).
    void reset() { m_run = 0; }

private:
    std::size_t m_run = 0;
};

} // namespace cachet::ui
