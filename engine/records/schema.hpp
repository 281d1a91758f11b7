#pragma once

#include <sqlite3.h>

namespace stillwater::records {

// The schema version this program writes, kept in PRAGMA user_version.
//   1: one row per session with scores, lengths, outcome and times.
//   2: adds the comfort settings, the time last known to be running and the
//      `interrupted` outcome.
inline constexpr int kSchemaVersion = 2;

// Reads PRAGMA user_version; 0 for a new, empty file.
int read_schema_version(sqlite3* connection);

// Brings the schema from its current version to kSchemaVersion, one version
// at a time, each in its own transaction, so every row is kept and a failure
// leaves the file at the last complete version. A new file goes through every
// step from version 1, so the migrations run on every first start.
void migrate(sqlite3* connection);

}  // namespace stillwater::records
