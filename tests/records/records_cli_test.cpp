#include "records/records_fixture.hpp"
#include "records/store.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace stillwater;
using test::meaningful_lines;
using test::run_process;
using test::utc;
namespace fs = std::filesystem;

namespace {

// A database with three sessions: two for Bed 1, one with text that needs
// quoting and defusing in CSV.
fs::path sample_database(const std::string& name) {
  const auto path = test::fresh_records_folder(name) / "records.sqlite3";
  auto store = test::open_store(path);

  const auto first = store.begin(test::sample_session("Bed 1", utc("2026-03-01T10:00:00Z")));
  store.finish(first, records::Outcome::completed, std::chrono::seconds(900), utc("2026-03-01T10:15:00Z"));

  auto odd = test::sample_session("-Bay 2", utc("2026-03-02T11:00:00Z"));
  odd.scene = "=sea, \"calm\"\nFor\xC3\xAAt";
  const auto second = store.begin(odd);
  store.set_scores(second, records::Phase::after, records::Scores{1, 2, 3, 4});
  store.finish(second, records::Outcome::stopped_now, std::chrono::seconds(65), utc("2026-03-02T11:01:05Z"));

  store.begin(test::sample_session("Bed 1", utc("2026-03-03T12:00:00Z")));
  return path;
}

// Runs the command and checks the shape every user error shares: a normal
// exit with the given status and exactly one line on standard error.
std::string single_error_line(const std::vector<std::string>& arguments, int expected_status) {
  const auto result = run_process(arguments);
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.signal == 0);
  REQUIRE(result.exit_status == expected_status);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() == 1);
  CHECK(result.standard_output.empty());
  return lines.front();
}

std::vector<std::string> csv_lines(const std::string& csv) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto end = csv.find("\r\n"); end != std::string::npos; end = csv.find("\r\n", start)) {
    lines.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  CHECK(start == csv.size());
  return lines;
}

}  // namespace

TEST_CASE("records export to standard output", "[records][cli]") {
  const auto path = sample_database("cli-export");
  const auto result = run_process({STILLWATER_EXECUTABLE, "records", "export", "--database", path.string()});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);

  const auto lines = csv_lines(result.standard_output);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind("id,label,scene,started_at,ended_at,planned_s,actual_s,outcome,", 0) == 0);
  CHECK(lines[1].rfind("1,Bed 1,golden-hour-sea,2026-03-01T10:00:00Z,2026-03-01T10:15:00Z,900,900,completed,", 0) ==
        0);
  CHECK(lines[2].rfind("2,'-Bay 2,\"'=sea, \"\"calm\"\"\nFor\xC3\xAAt\",2026-03-02T11:00:00Z,2026-03-02T11:01:05Z,"
                       "900,65,stopped_now,7,4,0,3,1,2,3,4,",
                       0) == 0);
  CHECK(lines[3].rfind("3,Bed 1,golden-hour-sea,2026-03-03T12:00:00Z,,900,,running,", 0) == 0);

  // The export reads and leaves a running session as it is.
  const auto store = test::open_store(path, records::Access::reader);
  CHECK(store.find(3)->outcome == records::Outcome::running);
}

TEST_CASE("records export filters", "[records][cli]") {
  const auto path = sample_database("cli-filter");
  const auto export_with = [&](std::vector<std::string> filter) {
    std::vector<std::string> arguments{STILLWATER_EXECUTABLE, "records", "export", "--database", path.string()};
    arguments.insert(arguments.end(), filter.begin(), filter.end());
    const auto result = run_process(arguments);
    INFO("stderr: " << result.standard_error);
    REQUIRE(result.exit_status == 0);
    std::vector<std::string> ids;
    const auto lines = csv_lines(result.standard_output);
    for (std::size_t index = 1; index < lines.size(); ++index) {
      ids.push_back(lines[index].substr(0, lines[index].find(',')));
    }
    return ids;
  };

  CHECK(export_with({"--label", "Bed 1"}) == std::vector<std::string>{"1", "3"});
  CHECK(export_with({"--from", "2026-03-02"}) == std::vector<std::string>{"2", "3"});
  // A date alone as --to includes that whole day.
  CHECK(export_with({"--to", "2026-03-02"}) == std::vector<std::string>{"1", "2"});
  CHECK(export_with({"--from", "2026-03-01T10:00:01Z", "--to", "2026-03-03T12:00:00Z"}) ==
        std::vector<std::string>{"2"});
  CHECK(export_with({"--label", "Bed 9"}).empty());
}

TEST_CASE("records export to a file", "[records][cli]") {
  const auto path = sample_database("cli-out");
  const auto out = path.parent_path() / "audit.csv";
  std::ofstream(out) << "older export";

  const auto result =
      run_process({STILLWATER_EXECUTABLE, "records", "export", "--database", path.string(), "--out", out.string()});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output == "Wrote 3 session(s) to " + out.string() + "\n");
  CHECK(csv_lines(test::file_bytes(out)).size() == 4);
  CHECK_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_CASE("records export keeps a file on error", "[records][cli]") {
  const auto folder = test::fresh_records_folder("cli-keep");
  const auto out = folder / "audit.csv";
  std::ofstream(out) << "older export";

  const auto line = single_error_line({STILLWATER_EXECUTABLE, "records", "export", "--database",
                                       (folder / "missing.sqlite3").string(), "--out", out.string()},
                                      1);
  CHECK(line == "stillwater: error: there is no records database at \"" + (folder / "missing.sqlite3").string() +
                    "\": no session has been recorded there yet; check the path given with --database");
  CHECK(test::file_bytes(out) == "older export");
  CHECK_FALSE(fs::exists(folder / "missing.sqlite3"));
}

TEST_CASE("records export rejects bad --out", "[records][cli]") {
  const auto path = sample_database("cli-bad-out");
  const auto missing = path.parent_path() / "missing" / "audit.csv";
  const auto line = single_error_line(
      {STILLWATER_EXECUTABLE, "records", "export", "--database", path.string(), "--out", missing.string()}, 1);
  CHECK(line == "stillwater: error: cannot write \"" + missing.string() + "\": the folder \"" +
                    missing.parent_path().string() + "\" does not exist");
}

TEST_CASE("records rejects bad filters", "[records][cli]") {
  const auto path = sample_database("cli-bad-filter");
  const std::string database = path.string();
  const std::string exe = STILLWATER_EXECUTABLE;

  CHECK(single_error_line({exe, "records", "export", "--database", database, "--from", "2026-02-30"}, 2) ==
        "stillwater: error: --from: invalid date \"2026-02-30\": use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC");
  CHECK(single_error_line({exe, "records", "list", "--database", database, "--to", "14/03/2026"}, 2) ==
        "stillwater: error: --to: invalid date \"14/03/2026\": use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC");
  CHECK(single_error_line({exe, "records", "export", "--database", database, "--from", "2026-03-05", "--to",
                           "2026-03-01"},
                          2) == "stillwater: error: --from 2026-03-05 is not before --to 2026-03-01: give the "
                                "earlier time first");
  CHECK(single_error_line({exe, "records", "export", "--database", database, "--label", "Mr. Jones"}, 2) ==
        "stillwater: error: --label: the label contains \".\", which is not allowed: use letters A-Z, digits, "
        "spaces, hyphens and underscores, never a name");
  CHECK(single_error_line({exe, "records", "list", "--database", database, "--limit", "0"}, 2).find("--limit") !=
        std::string::npos);
  CHECK(single_error_line({exe, "records"}, 2) == "stillwater: error: 'records' needs a command: list or export");
  CHECK(single_error_line({exe, "records", "delete"}, 2) ==
        "stillwater: error: unknown records command \"delete\": use list or export");
  CHECK(single_error_line({exe, "records", "list", "--colour"}, 2).find("--colour") != std::string::npos);
}

TEST_CASE("records reports a damaged database", "[records][cli]") {
  const auto folder = test::fresh_records_folder("cli-damaged");
  const auto path = folder / "records.sqlite3";
  std::ofstream(path, std::ios::binary) << std::string(4096, 'x');

  const auto line = single_error_line({STILLWATER_EXECUTABLE, "records", "list", "--database", path.string()}, 1);
  CHECK(line.rfind("stillwater: error: the records database \"" + path.string() + "\" is damaged (SQLITE_NOTADB", 0) ==
        0);
  CHECK(line.find("a copy was kept at \"" + path.string() + ".damaged-") != std::string::npos);
  CHECK(test::file_bytes(path) == std::string(4096, 'x'));
}

TEST_CASE("records rejects a folder as database", "[records][cli]") {
  const auto folder = test::fresh_records_folder("cli-folder");
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "records", "list", "--database", folder.string()}, 1) ==
        "stillwater: error: the records database \"" + folder.string() +
            "\" is a folder: give a file name inside it, such as \"" + (folder / "records.sqlite3").string() + "\"");
}

TEST_CASE("records uses the data directory", "[records][cli]") {
  const auto folder = test::fresh_records_folder("cli-xdg");
  const char* previous = std::getenv("XDG_DATA_HOME");
  const std::string saved = previous != nullptr ? previous : "";
  setenv("XDG_DATA_HOME", folder.c_str(), 1);

  const auto expected = folder / "stillwater" / "records.sqlite3";
  const auto missing = run_process({STILLWATER_EXECUTABLE, "records", "list"});
  { test::open_store(expected); }
  const auto present = run_process({STILLWATER_EXECUTABLE, "records", "list"});

  if (previous != nullptr) {
    setenv("XDG_DATA_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_DATA_HOME");
  }

  CHECK(missing.exit_status == 1);
  CHECK(missing.standard_error.find("there is no records database at \"" + expected.string() + "\"") !=
        std::string::npos);
  CHECK(present.exit_status == 0);
  CHECK(present.standard_output == "No sessions match.\n");
}

TEST_CASE("records list prints a table", "[records][cli]") {
  const auto path = sample_database("cli-list");
  const auto result = run_process({STILLWATER_EXECUTABLE, "records", "list", "--database", path.string()});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);

  const auto lines = meaningful_lines(result.standard_output);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].rfind("id  started (UTC)         label   scene", 0) == 0);
  // Newest first, with lengths as minutes:seconds and scores A/P/B/W.
  CHECK(lines[1].rfind("3   2026-03-03T12:00:00Z  Bed 1   golden-hour-sea", 0) == 0);
  CHECK(lines[1].find("15:00    -       running") != std::string::npos);
  CHECK(lines[2].find("1:05") != std::string::npos);
  CHECK(lines[2].find("7/4/0/3") != std::string::npos);
  CHECK(lines[2].find("1/2/3/4") != std::string::npos);
  CHECK(lines[3].find("-/-/-/-") != std::string::npos);
  CHECK(lines[4] == "A anxiety, P pain, B breathlessness, W wellbeing; - not asked");

  const auto limited = run_process({STILLWATER_EXECUTABLE, "records", "list", "--database", path.string(), "-n", "1"});
  CHECK(meaningful_lines(limited.standard_output).size() == 3);
}

TEST_CASE("records help explains options", "[records][cli]") {
  const auto list = run_process({STILLWATER_EXECUTABLE, "records", "list", "--help"});
  CHECK(list.exit_status == 0);
  CHECK(list.standard_output.find("--limit") != std::string::npos);
  CHECK(list.standard_output.find("--database") != std::string::npos);

  const auto exported = run_process({STILLWATER_EXECUTABLE, "records", "export", "--help"});
  CHECK(exported.exit_status == 0);
  CHECK(exported.standard_output.find("--out") != std::string::npos);
  CHECK(exported.standard_output.find("YYYY-MM-DD") != std::string::npos);
  CHECK(exported.standard_output.find("UTC") != std::string::npos);
}
