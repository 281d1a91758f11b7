#include "records/schema.hpp"

#include "records/sqlite_handle.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>

namespace stillwater::records {

namespace {

// Times are milliseconds since 1970-01-01 UTC; lengths are whole seconds.
// NOTE: these texts are history. A file at version N was made by them, so a
// change goes into a new version with its own step, never into an old one.
constexpr const char* kCreateVersion1 = R"sql(
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  scene TEXT NOT NULL,
  planned_s INTEGER NOT NULL CHECK (planned_s > 0),
  actual_s INTEGER CHECK (actual_s >= 0),
  outcome TEXT NOT NULL CHECK (outcome IN
    ('running', 'completed', 'ended_early', 'stopped_now', 'headset_removed', 'error')),
  anxiety_before INTEGER CHECK (anxiety_before BETWEEN 0 AND 10),
  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
  breathlessness_before INTEGER CHECK (breathlessness_before BETWEEN 0 AND 10),
  wellbeing_before INTEGER CHECK (wellbeing_before BETWEEN 0 AND 10),
  anxiety_after INTEGER CHECK (anxiety_after BETWEEN 0 AND 10),
  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
  breathlessness_after INTEGER CHECK (breathlessness_after BETWEEN 0 AND 10),
  wellbeing_after INTEGER CHECK (wellbeing_after BETWEEN 0 AND 10),
  started_at_ms INTEGER NOT NULL,
  ended_at_ms INTEGER
);
CREATE INDEX sessions_by_start ON sessions (started_at_ms);
PRAGMA user_version = 1;
)sql";

// SQLite cannot change a CHECK constraint in place, so the table is rebuilt
// and every row copied. A version 1 row has no comfort settings (NULL) and
// was last seen when it ended, or when it started if it never ended.
constexpr const char* kMigrateVersion1To2 = R"sql(
CREATE TABLE sessions_v2 (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  scene TEXT NOT NULL,
  planned_s INTEGER NOT NULL CHECK (planned_s > 0),
  actual_s INTEGER CHECK (actual_s >= 0),
  outcome TEXT NOT NULL CHECK (outcome IN
    ('running', 'completed', 'ended_early', 'stopped_now', 'headset_removed', 'error', 'interrupted')),
  anxiety_before INTEGER CHECK (anxiety_before BETWEEN 0 AND 10),
  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
  breathlessness_before INTEGER CHECK (breathlessness_before BETWEEN 0 AND 10),
  wellbeing_before INTEGER CHECK (wellbeing_before BETWEEN 0 AND 10),
  anxiety_after INTEGER CHECK (anxiety_after BETWEEN 0 AND 10),
  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
  breathlessness_after INTEGER CHECK (breathlessness_after BETWEEN 0 AND 10),
  wellbeing_after INTEGER CHECK (wellbeing_after BETWEEN 0 AND 10),
  started_at_ms INTEGER NOT NULL,
  ended_at_ms INTEGER,
  last_seen_ms INTEGER NOT NULL,
  brightness REAL,
  volume REAL,
  motion TEXT CHECK (motion IN ('still', 'gentle', 'lively')),
  recline_deg REAL,
  warm_colour INTEGER CHECK (warm_colour IN (0, 1)),
  mono_view INTEGER CHECK (mono_view IN (0, 1)),
  breathing_guide INTEGER CHECK (breathing_guide IN (0, 1)),
  breaths_per_minute REAL,
  fade_in_s REAL,
  fade_out_s REAL
);
INSERT INTO sessions_v2 (
  id, label, scene, planned_s, actual_s, outcome,
  anxiety_before, pain_before, breathlessness_before, wellbeing_before,
  anxiety_after, pain_after, breathlessness_after, wellbeing_after,
  started_at_ms, ended_at_ms, last_seen_ms)
SELECT
  id, label, scene, planned_s, actual_s, outcome,
  anxiety_before, pain_before, breathlessness_before, wellbeing_before,
  anxiety_after, pain_after, breathlessness_after, wellbeing_after,
  started_at_ms, ended_at_ms, COALESCE(ended_at_ms, started_at_ms)
FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;
CREATE INDEX sessions_by_start ON sessions (started_at_ms);
CREATE INDEX sessions_by_label ON sessions (label, started_at_ms);
PRAGMA user_version = 2;
)sql";

// Step N takes a file from version N to N + 1.
constexpr std::array<const char*, kSchemaVersion> kSteps{kCreateVersion1, kMigrateVersion1To2};

}  // namespace

int read_schema_version(sqlite3* connection) {
  Statement statement(connection, "PRAGMA user_version", "read schema version");
  statement.step();
  return static_cast<int>(statement.column_int(0));
}

void migrate(sqlite3* connection) {
  // The version is read inside each step's transaction, so two programs
  // opening the same old file never run one step twice.
  while (true) {
    Transaction transaction(connection, "schema migration");
    const int version = read_schema_version(connection);
    if (version >= kSchemaVersion) {
      transaction.commit();
      return;
    }
    execute(connection, kSteps[static_cast<std::size_t>(version)],
            fmt::format("schema version {} to {}", version, version + 1));
    transaction.commit();
    spdlog::info("Records: schema migrated from version {} to {}", version, version + 1);
  }
}

}  // namespace stillwater::records
