#include "app/peak_memory.hpp"

#include <sys/resource.h>

#include <cerrno>
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

}  // namespace stillwater::app
