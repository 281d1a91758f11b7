#pragma once

#include <chrono>

namespace stillwater::core {

// Records the moment the program started. main() calls it first, so later
// measurements of start-up time cover everything after the dynamic loader
// handed over. Calls after the first change nothing.
void mark_program_start();

// The moment mark_program_start() first ran; marks it now if it never ran.
std::chrono::steady_clock::time_point program_start();

// Seconds from program_start() to now.
double seconds_since_program_start();

}  // namespace stillwater::core
