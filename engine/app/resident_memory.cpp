#include "app/resident_memory.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <system_error>

namespace stillwater::app {

std::uint64_t peak_resident_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) {
    throw std::system_error(errno, std::generic_category(), "getrusage (peak resident memory)");
  }
  // Linux reports ru_maxrss in kibibytes.
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024U;
}

std::uint64_t resident_bytes() {
  // statm lists sizes in pages: total, then resident.
  std::ifstream statm("/proc/self/statm");
  std::uint64_t total_pages = 0;
  std::uint64_t resident_pages = 0;
  if (!(statm >> total_pages >> resident_pages)) {
    throw std::system_error(ENOENT, std::generic_category(), "reading /proc/self/statm (resident memory)");
  }
  return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

HeapUse heap_use() {
  const struct mallinfo2 info = mallinfo2();
  // Blocks too large for the heaps are mapped on their own (hblkhd).
  return HeapUse{.in_use = info.uordblks + info.hblkhd, .reserved = info.arena + info.hblkhd};
}

std::int64_t release_free_heap() {
  const std::uint64_t before = resident_bytes();
  malloc_trim(0);
  return static_cast<std::int64_t>(before) - static_cast<std::int64_t>(resident_bytes());
}

}  // namespace stillwater::app
