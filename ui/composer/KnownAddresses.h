#pragma once
// The addresses the recipient fields complete from: everyone in the From, To
// and Cc of the newest stored messages, and every Autocrypt peer, as
// "Name <address>" (the name most recently seen). Read on the reader worker.

#include "store/Sqlite.h"

#include <QStringList>

namespace cachet::ui {

// At most `limit` addresses, most recently seen first.
QStringList knownAddresses(store::Database& db, int limit = 5000);

} // namespace cachet::ui
