#include "records/records_fixture.hpp"
#include "records/store.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace stillwater;
using records::Outcome;
using records::Scores;
using test::utc;

namespace {

// The first schema exactly as version 1 of the program created it, kept here
// as history so that a change to the program's copy cannot hide a broken
// migration.
constexpr const char* kVersion1Schema = R"sql(
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

// Three sessions as version 1 stored them: finished with all scores, finished
// with some, and one left running by a crash.
constexpr const char* kVersion1Rows = R"sql(
INSERT INTO sessions VALUES
  (1, 'Bed 1', 'golden-hour-sea', 900, 901, 'completed', 7, 6, 5, 4, 3, 2, 1, 9,
   1772000000000, 1772000901000),
  (2, 'Room 12', 'forest-stream', 600, 240, 'stopped_now', NULL, 8, NULL, NULL, NULL, 5, NULL, NULL,
   1772100000000, 1772100240500),
  (5, 'Bed 1', 'night-sky', 1200, NULL, 'running', 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   1772200000000, NULL);
)sql";

void execute_raw(const std::filesystem::path& path, const char* sql) {
  sqlite3* connection = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
          SQLITE_OK);
  char* error = nullptr;
  const int result = sqlite3_exec(connection, sql, nullptr, nullptr, &error);
  INFO((error != nullptr ? error : ""));
  sqlite3_free(error);
  sqlite3_close(connection);
  REQUIRE(result == SQLITE_OK);
}

int user_version(const std::filesystem::path& path) {
  sqlite3* connection = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &connection, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(connection, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const int version = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(connection);
  return version;
}

records::Timestamp at_ms(std::int64_t milliseconds) {
  return records::Timestamp(std::chrono::milliseconds(milliseconds));
}

std::filesystem::path version1_file(const std::string& name) {
  const auto path = test::fresh_records_folder(name) / "records.sqlite3";
  execute_raw(path, kVersion1Schema);
  execute_raw(path, kVersion1Rows);
  REQUIRE(user_version(path) == 1);
  return path;
}

}  // namespace

TEST_CASE("migration from version 1 keeps rows", "[records][migration]") {
  const auto path = version1_file("migrate-v1");
  auto store = test::open_store(path);
  CHECK(user_version(path) == 2);
  CHECK(store.recovered_count() == 1);

  records::Filter oldest_first;
  oldest_first.newest_first = false;
  const auto rows = store.query(oldest_first);
  REQUIRE(rows.size() == 3);

  records::SessionRecord first;
  first.id = 1;
  first.label = "Bed 1";
  first.scene = "golden-hour-sea";
  first.planned = std::chrono::seconds(900);
  first.actual = std::chrono::seconds(901);
  first.outcome = Outcome::completed;
  first.before = Scores{7, 6, 5, 4};
  first.after = Scores{3, 2, 1, 9};
  first.started_at = at_ms(1772000000000);
  first.ended_at = at_ms(1772000901000);
  first.last_seen = at_ms(1772000901000);
  test::check_same_record(rows[0], first);

  records::SessionRecord second;
  second.id = 2;
  second.label = "Room 12";
  second.scene = "forest-stream";
  second.planned = std::chrono::seconds(600);
  second.actual = std::chrono::seconds(240);
  second.outcome = Outcome::stopped_now;
  second.before = Scores{std::nullopt, 8, std::nullopt, std::nullopt};
  second.after = Scores{std::nullopt, 5, std::nullopt, std::nullopt};
  second.started_at = at_ms(1772100000000);
  second.ended_at = at_ms(1772100240500);
  second.last_seen = at_ms(1772100240500);
  test::check_same_record(rows[1], second);

  // Version 1 knew no heartbeat, so its running row was last seen at its start.
  records::SessionRecord third;
  third.id = 5;
  third.label = "Bed 1";
  third.scene = "night-sky";
  third.planned = std::chrono::seconds(1200);
  third.actual = std::chrono::seconds(0);
  third.outcome = Outcome::interrupted;
  third.before = Scores{3, std::nullopt, std::nullopt, std::nullopt};
  third.started_at = at_ms(1772200000000);
  third.ended_at = at_ms(1772200000000);
  third.last_seen = at_ms(1772200000000);
  test::check_same_record(rows[2], third);

  // New rows after the migration take ids after the old ones and keep comfort.
  const auto id = store.begin(test::sample_session("Bed 9", utc("2026-03-14T09:00:00Z")));
  CHECK(id == 6);
  CHECK(store.find(id)->comfort.has_value());
}

TEST_CASE("migration by a reader keeps running rows", "[records][migration]") {
  const auto path = version1_file("migrate-reader");
  const auto store = test::open_store(path, records::Access::reader);
  CHECK(user_version(path) == 2);
  CHECK(store.recovered_count() == 0);
  CHECK(store.find(5)->outcome == Outcome::running);
  CHECK(store.query({}).size() == 3);
}

TEST_CASE("migration runs once", "[records][migration]") {
  const auto path = version1_file("migrate-twice");
  { test::open_store(path); }
  const auto store = test::open_store(path);
  CHECK(user_version(path) == 2);
  CHECK(store.recovered_count() == 0);
  CHECK(store.query({}).size() == 3);
}

TEST_CASE("newer schema is left alone", "[records][migration]") {
  const auto path = version1_file("newer");
  execute_raw(path, "PRAGMA user_version = 3");
  const auto before = test::file_bytes(path);

  const auto unavailable = test::open_unavailable(path);
  CHECK(unavailable.failure == records::OpenFailure::newer_schema);
  CHECK(unavailable.message == "the records database \"" + path.string() +
                                   "\" was written by a newer Stillwater (schema version 3; this program knows up to "
                                   "2). It was left as it is; use the newer program");
  CHECK(test::file_bytes(path) == before);
  CHECK(user_version(path) == 3);
}
