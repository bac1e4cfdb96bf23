#include "ProgressBar.h"

#include <unistd.h>

#include <cstdio>

namespace cachet::cli {

ProgressBar::ProgressBar(std::string label) : m_label(std::move(label)), m_visible(isatty(STDERR_FILENO) != 0)
{
    m_sinceDraw.start();
}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(std::int64_t done, std::int64_t total, const std::string& detail)
{
    // Redraw at most ten times a second: drawing must not slow the work.
    if (!m_visible || (m_drawn && m_sinceDraw.elapsed() < 100 && done < total))
        return;
    m_sinceDraw.restart();
    constexpr int kWidth = 30;
    const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(filled > kWidth ? kWidth : filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%% %s\033[K", m_label.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100.0 + 0.5), detail.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_visible && m_drawn) {
        std::fprintf(stderr, "\n");
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace cachet::cli
