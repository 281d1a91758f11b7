#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace stillwater::app {

struct ValidateOptions {
  std::vector<std::string> files;
};

// Adds `stillwater validate FILE...` to `app`.
CLI::App* add_validate_command(CLI::App& app, ValidateOptions& options);

// Checks every scene file without rendering: prints each problem on its own
// line to standard error and a summary to standard output. Returns 0 only
// when every file is valid.
int run_validate_command(const ValidateOptions& options);

}  // namespace stillwater::app
