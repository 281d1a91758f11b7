#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace stillwater::app {

struct AuditOptions {
  // Places to audit: shipped names, "sea" for the built-in sea, or scene files.
  std::vector<std::string> scenes;
  std::string size = "96x54";
  double frames_per_second = 10.0;
  std::string json;
  bool validation = false;
  // Test only: a light flashing at this rate in Hz while the session runs.
  double test_flash_hz = 0.0;
};

// Adds `stillwater audit` to `app`, storing what it parses in `options`.
CLI::App* add_audit_command(CLI::App& app, AuditOptions& options);

// Renders a short session of each place offscreen with its sound, measures
// it against the comfort rules and prints a report. Returns kExitSuccess
// when every place passes, kExitAuditFailed when one breaks a rule.
int run_audit_command(const AuditOptions& options);

}  // namespace stillwater::app
