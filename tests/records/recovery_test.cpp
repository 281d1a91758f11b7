#include "records/records_fixture.hpp"
#include "records/store.hpp"
#include "support/child_process.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace stillwater;
using records::Outcome;
using records::Scores;
using test::utc;

namespace {

// Three finished sessions that must survive the crash unchanged.
std::vector<records::SessionRecord> write_earlier_sessions(const std::filesystem::path& path) {
  auto store = test::open_store(path);
  for (int day = 1; day <= 3; ++day) {
    const auto start = utc("2026-03-10T09:00:00Z") + std::chrono::days(day);
    const auto id = store.begin(test::sample_session("Bed " + std::to_string(day), start));
    store.set_scores(id, records::Phase::after, Scores{day, day + 1, std::nullopt, 9});
    store.finish(id, Outcome::completed, std::chrono::seconds(900), start + std::chrono::minutes(15));
  }
  records::Filter oldest_first;
  oldest_first.newest_first = false;
  return store.query(oldest_first);
}

// Starts the helper, waits until its session runs, then kills it the way a
// crash would. While it runs, the file is in use for sessions but readable.
void run_and_kill_helper(const std::string& mode, const std::filesystem::path& path) {
  test::ChildProcess helper({RECORDS_SESSION_HELPER, mode, path.string()});
  REQUIRE(helper.wait_for_line("ready", std::chrono::seconds(30)));

  CHECK(test::open_unavailable(path).failure == records::OpenFailure::in_use);
  const auto reader = test::open_store(path, records::Access::reader);
  const auto running = reader.query({});
  REQUIRE_FALSE(running.empty());
  CHECK(running.front().outcome == Outcome::running);

  CHECK(helper.kill_and_wait(SIGKILL) == SIGKILL);
}

void check_earlier_sessions(const records::Store& store, const std::vector<records::SessionRecord>& earlier) {
  records::Filter oldest_first;
  oldest_first.newest_first = false;
  const auto rows = store.query(oldest_first);
  REQUIRE(rows.size() == earlier.size() + 1);
  for (std::size_t index = 0; index < earlier.size(); ++index) {
    test::check_same_record(rows[index], earlier[index]);
  }
}

}  // namespace

TEST_CASE("SIGKILL mid-session marks it interrupted", "[records][recovery]") {
  const auto folder = test::fresh_records_folder("sigkill-store");
  const auto path = folder / "records.sqlite3";
  const auto earlier = write_earlier_sessions(path);

  run_and_kill_helper("store", path);

  {
    const auto store = test::open_store(path);
    CHECK(store.recovered_count() == 1);
    check_earlier_sessions(store, earlier);

    const auto rows = store.query({});
    const auto& interrupted = rows.front();
    CHECK(interrupted.label == "Bed 7");
    CHECK(interrupted.scene == "night-sky");
    CHECK(interrupted.outcome == Outcome::interrupted);
    CHECK(interrupted.started_at == utc("2026-03-14T10:00:00Z"));
    CHECK(interrupted.last_seen == utc("2026-03-14T10:00:10Z"));
    CHECK(interrupted.ended_at == utc("2026-03-14T10:00:10Z"));
    CHECK(interrupted.actual == std::chrono::seconds(10));
    CHECK(interrupted.before == Scores{6, std::nullopt, 4, std::nullopt});
  }

  // The next open finds nothing more to recover and loses nothing.
  const auto store = test::open_store(path);
  CHECK(store.recovered_count() == 0);
  CHECK(store.query({}).size() == 4);
}

TEST_CASE("SIGKILL with writer heartbeats", "[records][recovery]") {
  const auto folder = test::fresh_records_folder("sigkill-writer");
  const auto path = folder / "records.sqlite3";
  const auto earlier = write_earlier_sessions(path);

  run_and_kill_helper("writer", path);

  const auto store = test::open_store(path);
  CHECK(store.recovered_count() == 1);
  check_earlier_sessions(store, earlier);

  const auto interrupted = store.query({}).front();
  CHECK(interrupted.outcome == Outcome::interrupted);
  CHECK(interrupted.ended_at == utc("2026-03-14T10:07:30Z"));
  CHECK(interrupted.actual == std::chrono::seconds(437));
}

TEST_CASE("session left running in process", "[records][recovery]") {
  const auto folder = test::fresh_records_folder("left-running");
  const auto path = folder / "records.sqlite3";
  records::SessionId id = 0;
  {
    auto store = test::open_store(path);
    id = store.begin(test::sample_session("Bed 2", utc("2026-03-14T09:00:00Z")));
    // No heartbeat carried the time played, so the length is the time from
    // the start to the last heartbeat.
    store.heartbeat(id, utc("2026-03-14T09:04:10Z"));
  }
  const auto store = test::open_store(path);
  CHECK(store.recovered_count() == 1);
  const auto record = store.find(id);
  CHECK(record->outcome == Outcome::interrupted);
  CHECK(record->ended_at == utc("2026-03-14T09:04:10Z"));
  CHECK(record->actual == std::chrono::seconds(250));
}
