#include "records/records_fixture.hpp"
#include "records/store.hpp"
#include "records/writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace stillwater;
using test::utc;

namespace {

// Copies kept aside for `database`, by file name.
std::vector<std::filesystem::path> kept_copies(const std::filesystem::path& database) {
  std::vector<std::filesystem::path> copies;
  const std::string prefix = database.filename().string() + ".damaged-";
  for (const auto& entry : std::filesystem::directory_iterator(database.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && !name.ends_with("-wal")) {
      copies.push_back(entry.path());
    }
  }
  return copies;
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(stream.good());
}

std::string random_bytes(std::size_t count) {
  std::mt19937 generator(20260314);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string bytes(count, '\0');
  for (auto& value : bytes) {
    value = static_cast<char>(byte(generator));
  }
  return bytes;
}

// Checks what every damaged open shares: the file is untouched, one copy with
// the same bytes sits beside it, and the message names both.
void check_damaged(const std::filesystem::path& path, const std::string& original, const std::string& result_name) {
  const auto unavailable = test::open_unavailable(path);
  CHECK(unavailable.failure == records::OpenFailure::damaged);
  CHECK(unavailable.path == path);
  CHECK(test::file_bytes(path) == original);

  const auto copies = kept_copies(path);
  REQUIRE(copies.size() == 1);
  REQUIRE(unavailable.kept_copy.has_value());
  CHECK(*unavailable.kept_copy == copies.front());
  CHECK(test::file_bytes(copies.front()) == original);

  const std::string name = copies.front().filename().string();
  INFO("copy " << name);
  // records.sqlite3.damaged-YYYYMMDDTHHMMSSZ
  REQUIRE(name.size() == std::string("records.sqlite3.damaged-").size() + 16);
  CHECK(name[name.size() - 8] == 'T');
  CHECK(name.back() == 'Z');

  INFO(unavailable.message);
  CHECK(unavailable.message.rfind("the records database \"" + path.string() + "\" is damaged (" + result_name, 0) ==
        0);
  CHECK(unavailable.message.find("It was left as it is and a copy was kept at \"" + copies.front().string() +
                                 "\". Sessions can run without records, or restore the file from a backup") !=
        std::string::npos);
}

}  // namespace

TEST_CASE("damaged file of random bytes", "[records][damaged]") {
  const auto folder = test::fresh_records_folder("random-bytes");
  const auto path = folder / "records.sqlite3";
  const auto bytes = random_bytes(8192);
  write_bytes(path, bytes);

  check_damaged(path, bytes, "SQLITE_NOTADB");

  // A second start finds the same damage and keeps no second copy.
  check_damaged(path, bytes, "SQLITE_NOTADB");
}

TEST_CASE("damaged truncated database", "[records][damaged]") {
  const auto folder = test::fresh_records_folder("truncated");
  const auto path = folder / "records.sqlite3";
  {
    auto store = test::open_store(path);
    for (int day = 1; day <= 200; ++day) {
      auto session = test::sample_session("Bed 4", utc("2026-01-01T09:00:00Z") + std::chrono::days(day));
      session.scene = std::string(200, 's');
      store.begin(session);
    }
  }
  const auto full = test::file_bytes(path);
  REQUIRE(full.size() > 16 * 4096);
  const std::string truncated = full.substr(0, full.size() / 2);
  write_bytes(path, truncated);

  check_damaged(path, truncated, "SQLITE_CORRUPT");
}

TEST_CASE("damaged copy keeps its write-ahead log", "[records][damaged]") {
  const auto folder = test::fresh_records_folder("damaged-wal");
  const auto path = folder / "records.sqlite3";
  const auto bytes = random_bytes(4096);
  write_bytes(path, bytes);
  write_bytes(folder / "records.sqlite3-wal", "not a log either");

  const auto unavailable = test::open_unavailable(path);
  REQUIRE(unavailable.kept_copy.has_value());
  auto kept_wal = *unavailable.kept_copy;
  kept_wal += "-wal";
  CHECK(test::file_bytes(kept_wal) == "not a log either");
  CHECK(test::file_bytes(folder / "records.sqlite3-wal") == "not a log either");
}

TEST_CASE("damaged store leaves writer without records", "[records][damaged]") {
  const auto folder = test::fresh_records_folder("without-records");
  const auto path = folder / "records.sqlite3";
  write_bytes(path, random_bytes(4096));

  auto opened = records::Store::open(path);
  REQUIRE(std::holds_alternative<records::Unavailable>(opened));
  const std::string message = std::get<records::Unavailable>(opened).message;

  // The nurse agreed: sessions run, nothing is written, health reports why.
  records::Writer writer(std::get<records::Unavailable>(std::move(opened)));
  const auto ticket = writer.begin(test::sample_session("Bed 4", utc("2026-03-14T09:00:00Z")));
  writer.finish(ticket, records::Outcome::completed, std::chrono::seconds(900), utc("2026-03-14T09:15:00Z"));
  writer.flush();

  const auto health = writer.health();
  CHECK(health.state == records::WriterState::without_records);
  CHECK(health.message == message);
  CHECK(health.failed_writes == 0);
  CHECK(writer.query({}).empty());

  // Values are still checked, so a mistake is seen even without records.
  CHECK_THROWS_AS(writer.begin(test::sample_session("", utc("2026-03-14T09:00:00Z"))), records::InvalidRecord);
}
