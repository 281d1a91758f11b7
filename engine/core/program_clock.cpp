#include "core/program_clock.hpp"

namespace stillwater::core {

namespace {

std::chrono::steady_clock::time_point& start_time() {
  static std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  return start;
}

}  // namespace

void mark_program_start() { static_cast<void>(start_time()); }

std::chrono::steady_clock::time_point program_start() { return start_time(); }

double seconds_since_program_start() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time()).count();
}

}  // namespace stillwater::core
