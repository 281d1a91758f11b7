#pragma once

#include <cstdint>

namespace stillwater::app {

// The most memory this process has had resident at once so far, in bytes,
// from getrusage's ru_maxrss. Throws std::system_error if getrusage fails.
std::uint64_t peak_resident_bytes();

}  // namespace stillwater::app
