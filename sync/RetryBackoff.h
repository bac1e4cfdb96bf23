#pragma once
// How long the sync loop waits before trying the provider again after a
// failure: 5 s, doubling to 5 minutes, and back to 5 s after a pass that
// worked. A server restart is caught within seconds; a long outage costs one
// connection attempt every 5 minutes. A failure only the user can mend (a
// refused password, a certificate that does not verify) waits the longest at
// once: trying again sooner would only repeat it.

#include <algorithm>
#include <chrono>

namespace cachet::sync {

class RetryBackoff {
public:
    static constexpr std::chrono::seconds kFirst{5};
    static constexpr std::chrono::seconds kLongest{5 * 60};

    // The wait before the next try, and the one after it doubled.
    std::chrono::seconds next(bool transient)
    {
        if (!transient)
            m_next = kLongest;
        const std::chrono::seconds wait = m_next;
        m_next = std::min(m_next * 2, kLongest);
        return wait;
    }

    void reset() { m_next = kFirst; }

private:
    std::chrono::seconds m_next = kFirst;
};

} // namespace cachet::sync
