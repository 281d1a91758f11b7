#pragma once

#include <filesystem>

namespace stillwater::records {

// The records database in the user's data directory:
// $XDG_DATA_HOME/stillwater/records.sqlite3, or
// ~/.local/share/stillwater/records.sqlite3 when XDG_DATA_HOME is unset or
// not absolute (relative values are ignored, as version 0.8 of the XDG Base
// Directory Specification directs). Throws std::runtime_error when HOME is
// unset too.
std::filesystem::path default_database_path();

}  // namespace stillwater::records
