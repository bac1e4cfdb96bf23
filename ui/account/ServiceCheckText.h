#pragma once
// How the account dialog words one service's test result: what worked, or the
// step that failed (name lookup, connect, TLS, authentication...) and exactly
// what the server or the network said.

#include "sync/AccountCheck.h"

#include <QString>

namespace cachet::ui {

// "Works: logged in; IDLE CONDSTORE" or "Failed at authentication: the server refused the login: ...".
QString serviceCheckText(const sync::ServiceCheck& check);

// The step's name as sync::ProviderError names it, translated.
QString stageText(const std::string& stage);

} // namespace cachet::ui
