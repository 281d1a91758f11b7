// `stillwater run` on Monado's simulated headset, recording into a database
// of the test's own: a crash in the middle of a session, and a damaged file.

#include "records/records_fixture.hpp"
#include "records/store.hpp"
#include "support/child_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

using namespace stillwater;
using namespace std::chrono_literals;
using records::Outcome;

namespace {

std::map<std::string, std::string> headset_environment() {
  return {
      {"XR_RUNTIME_JSON", STILLWATER_MONADO_MANIFEST},
      {"XRT_COMPOSITOR_NULL", "1"},
      {"SIMULATED_ENABLE", "1"},
      {"XRT_LOG", "error"},
  };
}

std::vector<std::string> run_arguments(const std::filesystem::path& database, std::vector<std::string> extra) {
  std::vector<std::string> arguments{STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea",
                                     "--records", database.string()};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

std::vector<records::SessionRecord> rows_oldest_first(const std::filesystem::path& database) {
  const auto store = test::open_store(database, records::Access::reader);
  records::Filter oldest_first;
  oldest_first.newest_first = false;
  return store.query(oldest_first);
}

// Two finished sessions from an earlier day, which must survive unchanged.
std::vector<records::SessionRecord> write_earlier_sessions(const std::filesystem::path& database) {
  {
    auto store = test::open_store(database);
    for (int day = 1; day <= 2; ++day) {
      const auto start = test::utc("2026-03-10T09:00:00Z") + std::chrono::days(day);
      const auto id = store.begin(test::sample_session("Bed " + std::to_string(day), start));
      store.set_scores(id, records::Phase::after, records::Scores{day, 2, std::nullopt, 8});
      store.finish(id, Outcome::completed, std::chrono::seconds(900), start + std::chrono::minutes(15));
    }
  }
  return rows_oldest_first(database);
}

// The running row once a heartbeat has recorded time played, read through a
// second connection while the program runs.
std::optional<records::SessionRecord> wait_for_heartbeat(const std::filesystem::path& database,
                                                         std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto rows = rows_oldest_first(database);
    if (!rows.empty() && rows.back().outcome == Outcome::running && rows.back().actual &&
        rows.back().actual->count() > 0) {
      return rows.back();
    }
    std::this_thread::sleep_for(200ms);
  }
  return std::nullopt;
}

struct PageAddress {
  std::string host;
  int port = 0;
  std::string token;
};

// The page's address from the program's output, once its whole line is there.
PageAddress wait_for_page_address(test::ChildProcess& child) {
  const std::regex line(R"(Companion page: http://(127\.0\.0\.1):(\d+)/\?token=(\S+)\n)");
  std::smatch match;
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (!std::regex_search(child.output(), match, line)) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    REQUIRE(child.read_more(1000ms));
  }
  return {match[1].str(), std::stoi(match[2].str()), match[3].str()};
}

}  // namespace

TEST_CASE("run killed mid-session is interrupted", "[records][run][headset]") {
  const auto folder = test::fresh_records_folder("run-sigkill");
  const auto database = folder / "records.sqlite3";
  const auto earlier = write_earlier_sessions(database);

  {
    test::ChildProcess child(run_arguments(database, {"--minutes", "10", "--label", "Bed 7"}), headset_environment());
    const auto running = wait_for_heartbeat(database, 120s);
    INFO(child.output());
    REQUIRE(running.has_value());
    CHECK(running->label == "Bed 7");
    CHECK(running->scene == "sea");
    CHECK(running->planned == std::chrono::seconds(600));
    CHECK(child.kill_and_wait(SIGKILL) == SIGKILL);
  }

  // The killed program had no chance to end its row.
  const auto after_kill = rows_oldest_first(database);
  REQUIRE(after_kill.size() == 3);
  CHECK(after_kill.back().outcome == Outcome::running);
  const records::SessionRecord last_known = after_kill.back();

  // The next start finds the row and marks it, then records its own session.
  const auto restarted = test::run_with_environment(
      run_arguments(database, {"--minutes", "10", "--frames", "20", "--label", "Bed 8"}), headset_environment(), 120s);
  INFO(restarted.standard_output);
  REQUIRE(restarted.exit_status == 0);
  CHECK(restarted.standard_output.find("1 session(s) left running by an earlier stop were marked interrupted") !=
        std::string::npos);

  const auto rows = rows_oldest_first(database);
  REQUIRE(rows.size() == 4);
  test::check_same_record(rows[0], earlier[0]);
  test::check_same_record(rows[1], earlier[1]);

  const records::SessionRecord& interrupted = rows[2];
  CHECK(interrupted.label == "Bed 7");
  CHECK(interrupted.outcome == Outcome::interrupted);
  // The end is the last time the program was known to be running it.
  CHECK(interrupted.ended_at == last_known.last_seen);
  CHECK(interrupted.last_seen == last_known.last_seen);
  CHECK(interrupted.actual == last_known.actual);
  REQUIRE(interrupted.comfort.has_value());

  CHECK(rows[3].label == "Bed 8");
  CHECK(rows[3].outcome == Outcome::ended_early);
}

TEST_CASE("run refuses a damaged file without agreement", "[records][run][damaged]") {
  const auto folder = test::fresh_records_folder("run-damaged");
  const auto database = folder / "records.sqlite3";
  const std::string garbage(8192, 'z');
  std::ofstream(database, std::ios::binary) << garbage;

  const auto result = test::run_with_environment(run_arguments(database, {"--minutes", "0.1"}), headset_environment(), 60s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 1);
  const std::string& output = result.standard_output;
  CHECK(output.find("stillwater: error: the records database \"" + database.string() + "\" is damaged") !=
        std::string::npos);
  CHECK(output.find("a copy was kept at \"" + database.string() + ".damaged-") != std::string::npos);
  CHECK(output.find("To run the session without records, add --without-records\n") != std::string::npos);
  CHECK(output.find("OpenXR session created") == std::string::npos);
  CHECK(test::file_bytes(database) == garbage);

  // With --without-records the session runs and the file stays as it was.
  const auto agreed = test::run_with_environment(
      {STILLWATER_EXECUTABLE, "run", "--port", "0", "--scene", "sea", "--without-records", "--minutes", "10",
       "--frames", "20"},
      headset_environment(), 120s);
  INFO(agreed.standard_output);
  CHECK(agreed.exit_status == 0);
  CHECK(test::file_bytes(database) == garbage);
}

TEST_CASE("run asks the page about a damaged file", "[records][run][damaged][companion]") {
  const auto folder = test::fresh_records_folder("run-damaged-page");
  const auto database = folder / "records.sqlite3";
  const std::string garbage(8192, 'q');
  std::ofstream(database, std::ios::binary) << garbage;

  test::ChildProcess child(run_arguments(database, {"--wait"}), headset_environment());
  const PageAddress address = wait_for_page_address(child);
  httplib::Client client(address.host, address.port);
  client.set_read_timeout(10, 0);
  const std::string host = address.host + ":" + std::to_string(address.port);
  const httplib::Headers headers{{"Authorization", "Bearer " + address.token}, {"Origin", "http://" + host}};

  const auto status = client.Get("/api/records", headers);
  REQUIRE(status);
  const auto state = nlohmann::json::parse(status->body);
  CHECK(state["state"] == "unavailable");
  CHECK(state["file"] == database.string());
  const std::string kept_copy = state["kept_copy"].get<std::string>();
  CHECK(kept_copy.rfind(database.string() + ".damaged-", 0) == 0);
  CHECK(test::file_bytes(kept_copy) == garbage);
  CHECK(state["message"].get<std::string>().rfind("The records database \"" + database.string() + "\" is damaged", 0) ==
        0);

  const std::string start = R"({"scene": "sea", "minutes": 10, "label": "Bed 3"})";
  const auto refused = client.Post("/api/session/start", headers, start, "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 409);
  CHECK(refused->body.find("Continue without records") != std::string::npos);

  const auto agreed = client.Post("/api/records/continue-without", headers, "", "application/json");
  REQUIRE(agreed);
  CHECK(agreed->status == 200);
  const auto started = client.Post("/api/session/start", headers, start, "application/json");
  REQUIRE(started);
  CHECK(started->status == 202);
  CHECK(child.wait_for_output("session: idle -> fading_in", 60s));

  child.send_signal(SIGTERM);
  const auto result = child.wait(120s);
  INFO(result.standard_output);
  CHECK(result.exit_status == 0);
  CHECK(test::file_bytes(database) == garbage);
}

TEST_CASE("run rejects bad records options", "[records][run]") {
  const auto folder = test::fresh_records_folder("run-options");
  const auto database = folder / "records.sqlite3";

  const auto name = test::run_with_environment(run_arguments(database, {"--label", "Mrs. Smith"}), {}, 30s);
  CHECK(name.exit_status == 2);
  CHECK(name.standard_output ==
        "stillwater: error: --label: the label contains \".\", which is not allowed: use letters A-Z, digits, "
        "spaces, hyphens and underscores, never a name\n");

  const auto both = test::run_with_environment(run_arguments(database, {"--without-records"}), {}, 30s);
  CHECK(both.exit_status == 2);
  CHECK(both.standard_output == "stillwater: error: --records and --without-records contradict each other; choose one\n");

  // Neither run created the file.
  CHECK_FALSE(std::filesystem::exists(database));
}
