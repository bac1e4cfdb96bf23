#pragma once
// Progress of long work: a bar redrawn in place when standard error is a
// terminal, nothing otherwise (scripts read the summary instead).

#include <QElapsedTimer>

#include <cstdint>
#include <string>

namespace cachet::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    // `unit` names what is counted ("MB", "messages").
    void update(std::int64_t done, std::int64_t total, const std::string& detail = {});
    void finish();
    bool visible() const { return m_visible; }

private:
    std::string m_label;
    bool m_visible;
    bool m_drawn = false;
    QElapsedTimer m_sinceDraw;
};

} // namespace cachet::cli
