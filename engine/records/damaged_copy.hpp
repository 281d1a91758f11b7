#pragma once

#include "records/session_record.hpp"

#include <filesystem>

namespace stillwater::records {

// Copies a damaged database aside as "<name>.damaged-YYYYMMDDTHHMMSSZ" in the
// same folder, with its write-ahead log ("-wal") when that is not empty, so that
// SQLite tools open the copy as the original. The original is left as it is.
// When an earlier copy with the same contents exists, that copy is returned
// and no new one is made, so a file that stays damaged does not fill the disk
// one start at a time. Throws std::filesystem::filesystem_error.
std::filesystem::path keep_damaged_copy(const std::filesystem::path& database, Timestamp now);

}  // namespace stillwater::records
