#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <stdexcept>

extern char** environ;

namespace stillwater::test {

ChildProcess::ChildProcess(const std::vector<std::string>& arguments) {
  std::array<int, 2> out_pipe{};
  if (pipe2(out_pipe.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);

  std::vector<char*> argv;
  for (const auto& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);

  const int spawn_error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (spawn_error != 0) {
    close(out_pipe[0]);
    throw std::runtime_error("posix_spawn failed for " + arguments.front());
  }
  output_pipe_ = out_pipe[0];
}

ChildProcess::~ChildProcess() {
  if (!reaped_ && pid_ > 0) {
    kill_and_wait(SIGKILL);
  }
  if (output_pipe_ >= 0) {
    close(output_pipe_);
  }
}

bool ChildProcess::wait_for_line(std::string_view line, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t checked = 0;
  while (true) {
    // Look at every complete line not looked at yet.
    for (auto end = output_.find('\n', checked); end != std::string::npos; end = output_.find('\n', checked)) {
      if (std::string_view(output_).substr(checked, end - checked) == line) {
        return true;
      }
      checked = end + 1;
    }

    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || output_pipe_ < 0) {
      return false;
    }
    pollfd descriptor{output_pipe_, POLLIN, 0};
    if (poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) {
      continue;
    }
    std::array<char, 4096> buffer{};
    const ssize_t count = read(output_pipe_, buffer.data(), buffer.size());
    if (count <= 0) {
      close(output_pipe_);
      output_pipe_ = -1;
      continue;
    }
    output_.append(buffer.data(), static_cast<std::size_t>(count));
  }
}

int ChildProcess::kill_and_wait(int signal) {
  if (reaped_) {
    throw std::logic_error("kill_and_wait: the process has ended and was reaped already");
  }
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

}  // namespace stillwater::test
