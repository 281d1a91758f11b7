#include "records/data_path.hpp"

#include <cstdlib>
#include <stdexcept>

namespace stillwater::records {

std::filesystem::path default_database_path() {
  const std::filesystem::path file = std::filesystem::path("stillwater") / "records.sqlite3";

  if (const char* data_home = std::getenv("XDG_DATA_HOME"); data_home != nullptr) {
    const std::filesystem::path folder(data_home);
    if (folder.is_absolute()) {
      return folder / file;
    }
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / file;
  }
  throw std::runtime_error(
      "cannot find the records database: neither XDG_DATA_HOME nor HOME is set; give the file with --database");
}

}  // namespace stillwater::records
