#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace stillwater::app {

struct BenchOptions {
  // Per-eye size of a current standalone headset.
  std::string size = "1832x1920";
  std::uint32_t frames = 300;
  std::uint32_t warmup = 30;
  std::string json;
  // Places to measure, in order. An empty list means every shipped place.
  std::vector<std::string> scenes;
  bool validation = false;
};

// Adds `stillwater bench` to `app`, storing what it parses in `options`.
CLI::App* add_bench_command(CLI::App& app, BenchOptions& options);

// Measures each place in stereo offscreen and prints a table, and writes
// JSON when asked. Returns the exit status. Problems the user can fix are
// reported on one line.
int run_bench_command(const BenchOptions& options);

}  // namespace stillwater::app
