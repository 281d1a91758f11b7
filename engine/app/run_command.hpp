#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace stillwater::app {

struct RunOptions {
  std::string scene = "beach";
  double minutes = 10.0;
  bool screen = false;
  bool fullscreen = false;
  bool headset_only = false;
  bool validation = false;
  long frames = 0;
  bool wait = false;
  bool no_companion = false;
  int port = 8450;
  bool mono = false;
  float recline_deg = 0.0F;
  std::string mirror_out;
  std::string test_pattern;
  std::string records_file;
  bool without_records = false;
  std::string label = "unlabelled";
};

// Adds `stillwater run` to `app`, storing what it parses in `options`.
CLI::App* add_run_command(CLI::App& app, RunOptions& options);

// Runs one whole session on the system's OpenXR runtime and returns the exit
// status.
int run_run_command(const RunOptions& options);

}  // namespace stillwater::app
