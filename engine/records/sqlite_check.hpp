#pragma once

#include "core/api_error.hpp"

#include <sqlite3.h>

#include <source_location>
#include <string>
#include <string_view>

namespace stillwater::records {

// The symbolic name of an SQLite result code, primary or extended, such as
// "SQLITE_BUSY" or "SQLITE_IOERR_FSYNC"; codes this table does not know read
// as "SQLITE_<number>".
std::string sqlite_result_name(int result);

// Returns true for the results that mean the file is not a usable database:
// SQLITE_CORRUPT, SQLITE_NOTADB and their extended forms.
bool is_damage(int result);

// Throws core::ApiError unless `result` is SQLITE_OK, SQLITE_ROW or
// SQLITE_DONE. `call` names the SQLite function and what it worked on, for
// example "sqlite3_prepare_v2 (insert session)". With a connection, the
// message also carries SQLite's own explanation (sqlite3_errmsg); without one,
// the generic text of sqlite3_errstr.
void sqlite_check(int result, std::string_view call, sqlite3* connection = nullptr,
                  const std::source_location& location = std::source_location::current());

}  // namespace stillwater::records
