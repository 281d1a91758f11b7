#include "records/records_fixture.hpp"
#include "records/writer.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace stillwater;
using records::Outcome;
using records::Phase;
using records::Scores;
using test::utc;

namespace {

// A clock the test moves by hand; heartbeats read it on the writer thread.
struct ManualClock {
  std::atomic<std::int64_t> milliseconds{utc("2026-03-14T09:00:00Z").time_since_epoch().count()};

  records::Timestamp now() const { return records::Timestamp(std::chrono::milliseconds(milliseconds.load())); }
};

records::Writer make_writer(const std::filesystem::path& path, ManualClock& clock,
                            std::chrono::milliseconds interval = std::chrono::hours(1)) {
  records::WriterOptions options;
  options.heartbeat_interval = interval;
  options.clock = [&clock] { return clock.now(); };
  return records::Writer(test::open_store(path), options);
}

}  // namespace

TEST_CASE("writer records a whole session", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-session");
  const auto path = folder / "records.sqlite3";
  ManualClock clock;
  {
    records::Writer writer = make_writer(path, clock);
    const auto ticket = writer.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
    writer.finish(ticket, Outcome::completed, std::chrono::seconds(900), utc("2026-03-14T09:15:00Z"));
    writer.set_scores(ticket, Phase::after, Scores{1, 2, 3, 4});

    // A query runs after everything queued before it.
    const auto rows = writer.query({});
    REQUIRE(rows.size() == 1);
    CHECK(rows.front().outcome == Outcome::completed);
    CHECK(rows.front().after == Scores{1, 2, 3, 4});

    const auto health = writer.health();
    CHECK(health.state == records::WriterState::recording);
    CHECK(health.failed_writes == 0);
    CHECK(health.queued == 0);
  }

  const auto store = test::open_store(path, records::Access::reader);
  const auto rows = store.query({});
  REQUIRE(rows.size() == 1);
  CHECK(rows.front().actual == std::chrono::seconds(900));
  CHECK(rows.front().ended_at == utc("2026-03-14T09:15:00Z"));
}

TEST_CASE("writer drains its queue on destruction", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-drain");
  const auto path = folder / "records.sqlite3";
  ManualClock clock;
  {
    records::Writer writer = make_writer(path, clock);
    for (int index = 0; index < 50; ++index) {
      const auto start = utc("2026-03-14T09:00:00Z") + std::chrono::minutes(index);
      const auto ticket = writer.begin(test::sample_session("Bed 4", start));
      writer.finish(ticket, Outcome::completed, std::chrono::seconds(60), start + std::chrono::minutes(1));
    }
  }
  const auto store = test::open_store(path, records::Access::reader);
  const auto rows = store.query({});
  REQUIRE(rows.size() == 50);
  for (const auto& row : rows) {
    CHECK(row.outcome == Outcome::completed);
  }
}

TEST_CASE("writer heartbeats a running session", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-heartbeat");
  const auto path = folder / "records.sqlite3";
  ManualClock clock;
  clock.milliseconds = utc("2026-03-14T09:03:20Z").time_since_epoch().count();
  records::Writer writer = make_writer(path, clock, std::chrono::milliseconds(10));

  const auto ticket = writer.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
  writer.progress(ticket, std::chrono::seconds(195));

  // The heartbeat runs on its own; wait for it on the writer's clock-free
  // path, with a deadline far beyond its 10 ms period.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  records::SessionRecord row;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    row = writer.query({}).front();
  } while (row.actual != std::chrono::seconds(195) && std::chrono::steady_clock::now() < deadline);

  CHECK(row.outcome == Outcome::running);
  CHECK(row.actual == std::chrono::seconds(195));
  CHECK(row.last_seen == utc("2026-03-14T09:03:20Z"));
  CHECK(row.started_at == utc("2026-03-14T09:00:00Z"));

  // A finished session takes no more heartbeats.
  writer.finish(ticket, Outcome::stopped_now, std::chrono::seconds(200), utc("2026-03-14T09:03:25Z"));
  writer.flush();
  clock.milliseconds = utc("2026-03-14T10:00:00Z").time_since_epoch().count();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  row = writer.query({}).front();
  CHECK(row.last_seen == utc("2026-03-14T09:03:25Z"));
  CHECK(writer.health().failed_writes == 0);
}

TEST_CASE("writer rejects bad values at once", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-reject");
  ManualClock clock;
  records::Writer writer = make_writer(folder / "records.sqlite3", clock);

  CHECK_THROWS_WITH(writer.begin(test::sample_session("Mrs Smith, bed 4", utc("2026-03-14T09:00:00Z"))),
                    "the label contains \",\", which is not allowed: use letters A-Z, digits, spaces, hyphens and "
                    "underscores, never a name");
  const auto ticket = writer.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
  CHECK_THROWS_WITH(writer.set_scores(ticket, Phase::before, Scores{std::nullopt, 12, std::nullopt, std::nullopt}),
                    "the pain score 12 (before the session) is out of range: use a whole number from 0 to 10, or "
                    "leave it out");
  CHECK_THROWS_WITH(writer.finish(ticket, Outcome::running, std::chrono::seconds(1), utc("2026-03-14T09:00:01Z")),
                    "a session cannot finish as 'running': give how it ended");

  const auto rows = writer.query({});
  REQUIRE(rows.size() == 1);
  CHECK(rows.front().outcome == Outcome::running);
  CHECK(writer.health().failed_writes == 0);
}

TEST_CASE("writer reports failed writes in health", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-failure");
  ManualClock clock;
  records::Writer writer = make_writer(folder / "records.sqlite3", clock);

  // Ending a session twice fails on the writer thread, where it cannot throw.
  const auto ticket = writer.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
  writer.finish(ticket, Outcome::completed, std::chrono::seconds(60), utc("2026-03-14T09:01:00Z"));
  writer.finish(ticket, Outcome::error, std::chrono::seconds(61), utc("2026-03-14T09:01:01Z"));
  writer.flush();

  auto health = writer.health();
  CHECK(health.state == records::WriterState::failing);
  CHECK(health.failed_writes == 1);
  CHECK(health.message == "writing the end of a session failed: session 1 is not running: it has ended already "
                          "or does not exist");
  CHECK(writer.query({}).front().outcome == Outcome::completed);

  // Scores for a ticket never begun fail too; a later good write recovers.
  writer.set_scores(999, Phase::after, Scores{});
  writer.flush();
  health = writer.health();
  CHECK(health.failed_writes == 2);
  CHECK(health.message == "writing the scores of a session failed: session ticket 999 has no record: its start was "
                          "never written");

  writer.set_scores(ticket, Phase::after, Scores{2, 2, 2, 2});
  writer.flush();
  health = writer.health();
  CHECK(health.state == records::WriterState::recording);
  CHECK(health.failed_writes == 2);
}

TEST_CASE("writer accepts events from threads", "[records][writer]") {
  const auto folder = test::fresh_records_folder("writer-threads");
  const auto path = folder / "records.sqlite3";
  ManualClock clock;
  {
    records::Writer writer = make_writer(path, clock, std::chrono::milliseconds(1));
    std::vector<std::thread> threads;
    for (int thread = 0; thread < 4; ++thread) {
      threads.emplace_back([&writer, thread] {
        for (int index = 0; index < 10; ++index) {
          const auto start = utc("2026-03-14T09:00:00Z") + std::chrono::minutes(thread * 100 + index);
          const auto ticket = writer.begin(test::sample_session("Bed " + std::to_string(thread), start));
          writer.progress(ticket, std::chrono::seconds(index));
          writer.finish(ticket, Outcome::completed, std::chrono::seconds(60), start + std::chrono::minutes(1));
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    writer.flush();
    CHECK(writer.health().failed_writes == 0);
  }
  const auto store = test::open_store(path, records::Access::reader);
  CHECK(store.query({}).size() == 40);
}
