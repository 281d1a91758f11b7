#include "records/damaged_copy.hpp"

#include "records/utc_time.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <string>

namespace stillwater::records {

namespace {

std::filesystem::path with_suffix(std::filesystem::path path, std::string_view suffix) {
  path += suffix;
  return path;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

bool same_contents(const std::filesystem::path& first, const std::filesystem::path& second) {
  std::error_code error;
  if (std::filesystem::file_size(first, error) != std::filesystem::file_size(second, error) || error) {
    return false;
  }
  return read_all(first) == read_all(second);
}

}  // namespace

std::filesystem::path keep_damaged_copy(const std::filesystem::path& database, Timestamp now) {
  const auto folder = database.has_parent_path() ? database.parent_path() : std::filesystem::path(".");
  const std::string prefix = database.filename().string() + ".damaged-";
  const auto wal = with_suffix(database, "-wal");
  // An empty log contains no sessions, and SQLite creates one just by opening the file.
  std::error_code error;
  const bool has_wal = std::filesystem::file_size(wal, error) > 0 && !error;

  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.ends_with("-wal") || name.ends_with("-shm")) {
      continue;
    }
    const auto earlier_wal = with_suffix(entry.path(), "-wal");
    const bool wal_matches = has_wal ? same_contents(wal, earlier_wal) : !std::filesystem::exists(earlier_wal);
    if (wal_matches && same_contents(database, entry.path())) {
      return entry.path();
    }
  }

  // Two starts within one second get distinct names; an existing copy is
  // never overwritten.
  auto copy = with_suffix(database, ".damaged-" + format_utc_compact(now));
  for (int attempt = 2; std::filesystem::exists(copy); ++attempt) {
    copy = with_suffix(database, fmt::format(".damaged-{}-{}", format_utc_compact(now), attempt));
  }
  std::filesystem::copy_file(database, copy, std::filesystem::copy_options::none);
  if (has_wal) {
    std::filesystem::copy_file(wal, with_suffix(copy, "-wal"), std::filesystem::copy_options::none);
  }
  return copy;
}

}  // namespace stillwater::records
