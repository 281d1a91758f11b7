#pragma once

#include <string>
#include <vector>

namespace stillwater::test {

struct ProcessResult {
  // The exit status, or -1 when the process was ended by a signal.
  int exit_status = -1;
  // The signal that ended the process, or 0.
  int signal = 0;
  std::string standard_output;
  std::string standard_error;
};

// Runs `arguments[0]` with the rest as its arguments, waits for it and
// captures both output streams.
ProcessResult run_process(const std::vector<std::string>& arguments);

// Lines of `text` that are not empty and do not come from the Vulkan driver
// itself (lavapipe warns once that it is not a conformant implementation).
std::vector<std::string> meaningful_lines(const std::string& text);

}  // namespace stillwater::test
