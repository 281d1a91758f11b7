#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace stillwater::records {

// An exclusive advisory lock (flock) on a small file of its own, held until
// destroyed. The kernel drops it when the process dies, even by SIGKILL, so a
// crash never leaves a stale lock. It is a separate file because closing any
// descriptor of the database itself would drop SQLite's own POSIX locks.
class FileLock {
 public:
  // Creates `path` if needed and locks it without waiting. Returns nothing
  // when another process holds the lock; throws std::system_error naming the
  // file when it cannot be created or locked for another reason.
  static std::optional<FileLock> try_acquire(const std::filesystem::path& path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int descriptor) : descriptor_(descriptor) {}

  int descriptor_ = -1;
};

}  // namespace stillwater::records
