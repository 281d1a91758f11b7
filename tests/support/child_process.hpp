#pragma once

#include "support/process.hpp"

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::test {

// A program started by a test that keeps running while the test reads its
// output and sends it signals. Standard output and standard error are read
// together, in the order they arrive.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& arguments,
                        const std::map<std::string, std::string>& environment = {});
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads output until it contains `text`; false when the time runs out or
  // the program exits first.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

  // Reads whatever arrives within `timeout`; false once the output has ended.
  bool read_more(std::chrono::milliseconds timeout) { return read_some(timeout); }

  // Reads output until a whole line equal to `line` arrives; false when the
  // program ends its output or the time runs out first.
  bool wait_for_line(std::string_view line, std::chrono::milliseconds timeout);

  void send_signal(int signal);

  // Sends `signal`, waits for the program to end and returns the signal
  // that ended it, or 0 when it exited normally.
  int kill_and_wait(int signal);

  // Waits for the program to end (killing it after `timeout`) and returns
  // its status and all its output.
  ProcessResult wait(std::chrono::milliseconds timeout);

  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] const std::string& output() const { return output_; }

 private:
  bool read_some(std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::string output_;
  bool exited_ = false;
};

// Runs a program to its end with extra environment variables and returns its
// status and combined output (in standard_output).
ProcessResult run_with_environment(const std::vector<std::string>& arguments,
                                   const std::map<std::string, std::string>& environment,
                                   std::chrono::milliseconds timeout);

}  // namespace stillwater::test
