#include "records/records_fixture.hpp"
#include "records/store.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <fstream>

using namespace stillwater;
using records::Outcome;
using records::Phase;
using records::Scores;
using test::utc;

TEST_CASE("store round trip of every field", "[records][store]") {
  const auto folder = test::fresh_records_folder("round-trip");
  const auto path = folder / "records.sqlite3";
  const auto session = test::sample_session("Bed 4", utc("2026-03-14T09:26:53Z"));

  records::SessionId id = 0;
  {
    auto store = test::open_store(path);
    id = store.begin(session);
    store.heartbeat(id, utc("2026-03-14T09:31:53Z"), std::chrono::seconds(300));
    store.set_scores(id, Phase::after, Scores{2, 3, std::nullopt, 8});
    store.finish(id, Outcome::ended_early, std::chrono::seconds(612), utc("2026-03-14T09:37:20Z"));
  }

  // A second open reads what the first one wrote to disk.
  const auto store = test::open_store(path, records::Access::reader);
  const auto record = store.find(id);
  REQUIRE(record.has_value());

  records::SessionRecord expected;
  expected.id = id;
  expected.label = "Bed 4";
  expected.scene = "golden-hour-sea";
  expected.planned = std::chrono::seconds(900);
  expected.actual = std::chrono::seconds(612);
  expected.outcome = Outcome::ended_early;
  expected.comfort = session.comfort;
  expected.before = Scores{7, 4, 0, 3};
  expected.after = Scores{2, 3, std::nullopt, 8};
  expected.started_at = utc("2026-03-14T09:26:53Z");
  expected.ended_at = utc("2026-03-14T09:37:20Z");
  expected.last_seen = utc("2026-03-14T09:37:20Z");
  test::check_same_record(*record, expected);
}

TEST_CASE("store keeps milliseconds and every outcome", "[records][store]") {
  const auto folder = test::fresh_records_folder("outcomes");
  auto store = test::open_store(folder / "records.sqlite3");
  const auto start = utc("2026-03-14T09:00:00Z") + std::chrono::milliseconds(123);

  for (const Outcome outcome : {Outcome::completed, Outcome::ended_early, Outcome::stopped_now,
                                Outcome::headset_removed, Outcome::error, Outcome::interrupted}) {
    const auto id = store.begin(test::sample_session("Room 2", start));
    store.finish(id, outcome, std::chrono::seconds(1), start + std::chrono::milliseconds(1001));
    const auto record = store.find(id);
    REQUIRE(record.has_value());
    CHECK(record->outcome == outcome);
    CHECK(record->started_at == start);
    CHECK(record->ended_at == start + std::chrono::milliseconds(1001));
  }
}

TEST_CASE("store session without scores", "[records][store]") {
  const auto folder = test::fresh_records_folder("no-scores");
  auto store = test::open_store(folder / "records.sqlite3");
  auto session = test::sample_session("Bed 1", utc("2026-03-14T09:00:00Z"));
  session.before = Scores{};

  const auto id = store.begin(session);
  const auto record = store.find(id);
  REQUIRE(record.has_value());
  CHECK(record->before == Scores{});
  CHECK(record->after == Scores{});
  CHECK(record->outcome == Outcome::running);
  CHECK_FALSE(record->actual.has_value());
  CHECK_FALSE(record->ended_at.has_value());
  CHECK(record->last_seen == utc("2026-03-14T09:00:00Z"));

  // Scores asked late replace the phase's four values, including clearing one.
  store.set_scores(id, Phase::before, Scores{5, std::nullopt, 2, std::nullopt});
  store.set_scores(id, Phase::before, Scores{5, std::nullopt, std::nullopt, 9});
  CHECK(store.find(id)->before == Scores{5, std::nullopt, std::nullopt, 9});
}

TEST_CASE("store rejects bad session values", "[records][store]") {
  const auto folder = test::fresh_records_folder("bad-values");
  auto store = test::open_store(folder / "records.sqlite3");
  const auto start = utc("2026-03-14T09:00:00Z");

  struct Case {
    std::string label;
    std::string message;
  };
  const std::vector<Case> cases{
      {"", "the label is empty: give a bed or room code such as \"Bed 4\""},
      {std::string(33, 'A'), "the label is 33 characters long: use at most 32, such as a bed or room code"},
      {"Mrs. Smith", "the label contains \".\", which is not allowed: use letters A-Z, digits, spaces, hyphens and "
                     "underscores, never a name"},
      {"Bed=1", "the label contains \"=\", which is not allowed: use letters A-Z, digits, spaces, hyphens and "
                "underscores, never a name"},
      {"Chambre \xC3\xA9t\xC3\xA9", "the label contains byte 0xC3, which is not allowed: use letters A-Z, digits, "
                                    "spaces, hyphens and underscores, never a name"},
      {"Bed\t4", "the label contains byte 0x09, which is not allowed: use letters A-Z, digits, spaces, hyphens and "
                 "underscores, never a name"},
      {" Bed 4", "the label starts or ends with a space: remove it, so that one bed has one label"},
      {"Bed 4 ", "the label starts or ends with a space: remove it, so that one bed has one label"},
  };
  for (const auto& bad : cases) {
    INFO("label of " << bad.label.size() << " bytes");
    CHECK_THROWS_WITH(store.begin(test::sample_session(bad.label, start)), bad.message);
  }

  CHECK_NOTHROW(store.begin(test::sample_session(std::string(32, 'z'), start)));
  CHECK_NOTHROW(store.begin(test::sample_session("-Ward_7 bay-2", start)));

  auto no_scene = test::sample_session("Bed 4", start);
  no_scene.scene.clear();
  CHECK_THROWS_WITH(store.begin(no_scene), "the scene name is empty: give the name of the scene the session shows");

  auto no_length = test::sample_session("Bed 4", start);
  no_length.planned = std::chrono::seconds(0);
  CHECK_THROWS_WITH(store.begin(no_length), "the planned length 0 s is out of range: use 1 s to 86400 s");

  // Only the two good sessions above were written.
  CHECK(store.query({}).size() == 2);
}

TEST_CASE("store rejects scores out of range", "[records][store]") {
  const auto folder = test::fresh_records_folder("bad-scores");
  auto store = test::open_store(folder / "records.sqlite3");
  auto session = test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z"));

  session.before = Scores{11, std::nullopt, std::nullopt, std::nullopt};
  CHECK_THROWS_WITH(store.begin(session), "the anxiety score 11 (before the session) is out of range: use a whole "
                                          "number from 0 to 10, or leave it out");

  session.before = Scores{};
  const auto id = store.begin(session);
  CHECK_THROWS_WITH(store.set_scores(id, Phase::after, Scores{0, -1, std::nullopt, std::nullopt}),
                    "the pain score -1 (after the session) is out of range: use a whole number from 0 to 10, or "
                    "leave it out");
  CHECK_THROWS_WITH(store.set_scores(id, Phase::after, Scores{std::nullopt, std::nullopt, 99, std::nullopt}),
                    "the breathlessness score 99 (after the session) is out of range: use a whole number from 0 "
                    "to 10, or leave it out");
  CHECK_THROWS_WITH(store.set_scores(id, Phase::before, Scores{std::nullopt, std::nullopt, std::nullopt, 10000}),
                    "the wellbeing score 10000 (before the session) is out of range: use a whole number from 0 to "
                    "10, or leave it out");
  CHECK(store.find(id)->after == Scores{});

  // The edges of the range are valid.
  store.set_scores(id, Phase::after, Scores{0, 10, 0, 10});
  CHECK(store.find(id)->after == Scores{0, 10, 0, 10});
}

TEST_CASE("store finish rules", "[records][store]") {
  const auto folder = test::fresh_records_folder("finish");
  auto store = test::open_store(folder / "records.sqlite3");
  const auto start = utc("2026-03-14T09:00:00Z");
  const auto id = store.begin(test::sample_session("Bed 4", start));

  CHECK_THROWS_WITH(store.finish(id, Outcome::running, std::chrono::seconds(5), start),
                    "session " + std::to_string(id) + " cannot finish as 'running': give how it ended");
  CHECK_THROWS_WITH(store.finish(id, Outcome::completed, std::chrono::seconds(-5), start),
                    "the actual length -5 s of session " + std::to_string(id) + " is negative");

  store.finish(id, Outcome::completed, std::chrono::seconds(900), start + std::chrono::minutes(15));
  CHECK_THROWS_WITH(store.finish(id, Outcome::error, std::chrono::seconds(1), start),
                    "session " + std::to_string(id) + " is not running: it has ended already or does not exist");
  CHECK_THROWS_WITH(store.heartbeat(id, start), "session " + std::to_string(id) +
                                                    " is not running, so it takes no heartbeat");
  CHECK_THROWS_WITH(store.set_scores(id + 100, Phase::after, Scores{}),
                    "there is no session " + std::to_string(id + 100) + " to record scores for");

  // The failed calls changed nothing.
  const auto record = store.find(id);
  CHECK(record->outcome == Outcome::completed);
  CHECK(record->actual == std::chrono::seconds(900));
  CHECK_FALSE(store.find(id + 100).has_value());
}

TEST_CASE("store finish keeps comfort at end", "[records][store]") {
  const auto folder = test::fresh_records_folder("finish-comfort");
  auto store = test::open_store(folder / "records.sqlite3");
  const auto start = utc("2026-03-14T09:00:00Z");
  const auto session = test::sample_session("Bed 4", start);
  const auto id = store.begin(session);

  core::ComfortSettings out_of_bounds = session.comfort;
  out_of_bounds.volume = 1.5F;
  CHECK_THROWS_WITH(store.finish(id, Outcome::completed, std::chrono::seconds(900), start, out_of_bounds),
                    "the comfort settings at the end of session " + std::to_string(id) +
                        " are invalid: volume 1.5 is outside the allowed range of 0 to 1. Choose a value in that "
                        "range.");
  CHECK(store.find(id)->outcome == Outcome::running);
  CHECK(store.find(id)->comfort->volume == session.comfort.volume);

  core::ComfortSettings at_end = session.comfort;
  at_end.volume = 0.25F;
  at_end.motion = core::MotionLevel::lively;
  at_end.warm_colour = false;
  at_end.recline_deg = 90.0F;
  store.finish(id, Outcome::completed, std::chrono::seconds(900), start + std::chrono::minutes(15), at_end);
  const auto record = store.find(id);
  REQUIRE(record->comfort.has_value());
  CHECK(record->comfort->volume == 0.25F);
  CHECK(record->comfort->motion == core::MotionLevel::lively);
  CHECK_FALSE(record->comfort->warm_colour);
  CHECK(record->comfort->recline_deg == 90.0F);
  CHECK(record->comfort->brightness == session.comfort.brightness);
  CHECK(record->comfort->fade_out_s == session.comfort.fade_out_s);
  CHECK(record->outcome == Outcome::completed);

  // Without settings at the end, those of the start stay.
  const auto second = store.begin(test::sample_session("Bed 5", start + std::chrono::hours(1)));
  store.finish(second, Outcome::ended_early, std::chrono::seconds(60), start + std::chrono::hours(2));
  CHECK(store.find(second)->comfort->volume == session.comfort.volume);
}

TEST_CASE("store query filters and orders", "[records][store]") {
  const auto folder = test::fresh_records_folder("query");
  auto store = test::open_store(folder / "records.sqlite3");

  const auto a = store.begin(test::sample_session("Bed 1", utc("2026-03-01T10:00:00Z")));
  const auto b = store.begin(test::sample_session("Bed 2", utc("2026-03-02T10:00:00Z")));
  const auto c = store.begin(test::sample_session("Bed 1", utc("2026-03-03T10:00:00Z")));
  const auto d = store.begin(test::sample_session("Bed 1", utc("2026-03-04T23:59:59Z")));

  const auto ids = [&](const records::Filter& filter) {
    std::vector<records::SessionId> found;
    for (const auto& record : store.query(filter)) {
      found.push_back(record.id);
    }
    return found;
  };

  CHECK(ids({}) == std::vector{d, c, b, a});

  records::Filter oldest_first;
  oldest_first.newest_first = false;
  CHECK(ids(oldest_first) == std::vector{a, b, c, d});

  records::Filter by_label;
  by_label.label = "Bed 1";
  CHECK(ids(by_label) == std::vector{d, c, a});

  // Labels match exactly: no prefixes, no case folding, no patterns.
  for (const std::string other : {"Bed", "bed 1", "Bed %", "Bed _"}) {
    records::Filter filter;
    filter.label = other;
    CHECK(ids(filter).empty());
  }

  records::Filter range;
  range.from = utc("2026-03-02T10:00:00Z");
  range.to = utc("2026-03-04T23:59:59Z");
  CHECK(ids(range) == std::vector{c, b});

  records::Filter limited;
  limited.limit = 2;
  CHECK(ids(limited) == std::vector{d, c});

  records::Filter everything;
  everything.label = "Bed 1";
  everything.from = utc("2026-03-02T00:00:00Z");
  everything.limit = 1;
  CHECK(ids(everything) == std::vector{d});
}

TEST_CASE("store label stays parameter data", "[records][store]") {
  const auto folder = test::fresh_records_folder("injection");
  auto store = test::open_store(folder / "records.sqlite3");
  auto session = test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z"));
  session.scene = "x'); DROP TABLE sessions; --";
  const auto id = store.begin(session);

  records::Filter filter;
  filter.label = "' OR 1=1 --";
  CHECK(store.query(filter).empty());
  CHECK(store.find(id)->scene == "x'); DROP TABLE sessions; --");
}

TEST_CASE("store creates folders and uses WAL", "[records][store]") {
  const auto folder = test::fresh_records_folder("wal");
  const auto path = folder / "data" / "stillwater" / "records.sqlite3";
  {
    auto store = test::open_store(path);
    store.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
  }
  REQUIRE(std::filesystem::exists(path));

  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "wal");
  sqlite3_finalize(statement);
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(sqlite3_column_int(statement, 0) == 2);
  sqlite3_finalize(statement);
  sqlite3_close(raw);
}

TEST_CASE("store reader needs an existing file", "[records][store]") {
  const auto folder = test::fresh_records_folder("reader-missing");
  const auto path = folder / "records.sqlite3";
  const auto unavailable = test::open_unavailable(path, records::Access::reader);
  CHECK(unavailable.failure == records::OpenFailure::missing);
  CHECK(unavailable.message == "there is no records database at \"" + path.string() +
                                   "\": no session has been recorded there yet; check the path given with "
                                   "--database");
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("store rejects a second session writer", "[records][store]") {
  const auto folder = test::fresh_records_folder("in-use");
  const auto path = folder / "records.sqlite3";
  auto first = test::open_store(path);
  const auto id = first.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));

  const auto second = test::open_unavailable(path);
  CHECK(second.failure == records::OpenFailure::in_use);
  CHECK(second.message == "the records database \"" + path.string() +
                              "\" is in use by another Stillwater program that is recording sessions; close that "
                              "program first");

  // A reader may look while a session runs, and leaves it running.
  const auto reader = test::open_store(path, records::Access::reader);
  CHECK(reader.recovered_count() == 0);
  CHECK(reader.find(id)->outcome == Outcome::running);
}

TEST_CASE("store reports a folder path", "[records][store]") {
  const auto folder = test::fresh_records_folder("is-folder");
  const auto unavailable = test::open_unavailable(folder);
  CHECK(unavailable.failure == records::OpenFailure::cannot_open);
  CHECK(unavailable.message == "the records database \"" + folder.string() +
                                   "\" is a folder: give a file name inside it, such as \"" +
                                   (folder / "records.sqlite3").string() + "\"");
}

TEST_CASE("store reports an unusable folder", "[records][store]") {
  const auto folder = test::fresh_records_folder("bad-folder");
  std::ofstream(folder / "plain.txt") << "a file, not a folder";
  const auto path = folder / "plain.txt" / "stillwater" / "records.sqlite3";

  const auto unavailable = test::open_unavailable(path);
  CHECK(unavailable.failure == records::OpenFailure::folder_unavailable);
  INFO(unavailable.message);
  CHECK(unavailable.message.rfind("cannot create the folder \"" + path.parent_path().string() +
                                      "\" for the records database: ",
                                  0) == 0);
  CHECK(test::file_bytes(folder / "plain.txt") == "a file, not a folder");
}
