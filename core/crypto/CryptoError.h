#pragma once
// What a failed OpenPGP operation throws: one line a user can read.

#include <stdexcept>
#include <string>

namespace cachet::crypto {

class CryptoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace cachet::crypto
