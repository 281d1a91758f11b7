#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::test {

// A program started by a test that keeps running while the test works with
// it: its standard output comes through a pipe, its standard error goes to
// the test's. The destructor ends it with SIGKILL if it is still running.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& arguments);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads standard output until a line equal to `line` arrives. Returns
  // false when the program closes its output or `timeout` passes first.
  bool wait_for_line(std::string_view line, std::chrono::milliseconds timeout);

  // Everything read from standard output so far.
  [[nodiscard]] const std::string& output() const { return output_; }

  // Sends `signal` to the program and waits for it to end. Returns the
  // signal that ended it, or 0 when it exited normally.
  int kill_and_wait(int signal);

  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int output_pipe_ = -1;
  std::string output_;
  bool reaped_ = false;
};

}  // namespace stillwater::test
