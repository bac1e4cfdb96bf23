#pragma once
// What the daemon and `sync` (without --once) share about the sync loop: the
// --interval option, and one line per pass (counts only: no subject, address
// or password reaches a log) or per failure.

#include "sync/SyncPass.h"

#include <chrono>
#include <string>

namespace cachet::cli {

class Arguments;

std::chrono::seconds intervalOption(const Arguments& a);
void printPass(const sync::SyncPassResult& r);
void printFailure(const std::string& error, std::chrono::seconds retryIn);

} // namespace cachet::cli
