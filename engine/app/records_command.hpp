#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace stillwater::app {

struct RecordsOptions {
  // Empty means the default file in the user's data directory.
  std::string database;
  std::string label;
  std::string from;
  std::string to;
  // Empty means standard output (export only).
  std::string out;
  std::size_t limit = 20;
};

// Adds `stillwater records` with its subcommands `list` and `export` to
// `app`, storing what they parse in `options`.
CLI::App* add_records_command(CLI::App& app, RecordsOptions& options);

// Runs whichever subcommand of `records` was parsed. Returns the exit
// status; problems the user can fix are reported on one line.
int run_records_command(const CLI::App& records, const RecordsOptions& options);

}  // namespace stillwater::app
