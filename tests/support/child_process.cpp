#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace stillwater::test {

ChildProcess::ChildProcess(const std::vector<std::string>& arguments,
                           const std::map<std::string, std::string>& environment) {
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) {
    throw std::runtime_error("pipe failed");
  }

  std::map<std::string, std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    if (const auto equals = text.find('='); equals != std::string::npos) {
      merged[text.substr(0, equals)] = text.substr(equals + 1);
    }
  }
  for (const auto& [key, value] : environment) {
    merged[key] = value;
  }
  std::vector<std::string> environment_text;
  for (const auto& [key, value] : merged) {
    environment_text.push_back(key + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& entry : environment_text) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);

  std::vector<char*> argv;
  for (const auto& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  const int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (error != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error("posix_spawn failed for " + arguments.front() + ": " + std::strerror(error));
  }
  output_fd_ = pipe_fds[0];
}

ChildProcess::~ChildProcess() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (output_fd_ >= 0) {
    close(output_fd_);
  }
}

bool ChildProcess::read_some(std::chrono::milliseconds timeout) {
  if (output_fd_ < 0) {
    return false;
  }
  pollfd fd{output_fd_, POLLIN, 0};
  if (poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) {
    return true;
  }
  std::array<char, 4096> buffer{};
  const ssize_t count = read(output_fd_, buffer.data(), buffer.size());
  if (count <= 0) {
    close(output_fd_);
    output_fd_ = -1;
    return false;
  }
  output_.append(buffer.data(), static_cast<std::size_t>(count));
  return true;
}

bool ChildProcess::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (output_.find(text) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !read_some(std::min(left, std::chrono::milliseconds(100)))) {
      return output_.find(text) != std::string::npos;
    }
  }
  return true;
}

bool ChildProcess::wait_for_line(std::string_view line, std::chrono::milliseconds timeout) {
  const std::string inner = "\n" + std::string(line) + "\n";
  const std::string first = std::string(line) + "\n";
  const auto found = [&] { return output_.find(inner) != std::string::npos || output_.rfind(first, 0) == 0; };
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!found()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !read_some(std::min(left, std::chrono::milliseconds(100)))) {
      return found();
    }
  }
  return true;
}

int ChildProcess::kill_and_wait(int signal) {
  if (exited_ || pid_ <= 0) {
    return 0;
  }
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  exited_ = true;
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

void ChildProcess::send_signal(int signal) {
  if (!exited_ && pid_ > 0) {
    kill(pid_, signal);
  }
}

ProcessResult ChildProcess::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (output_fd_ >= 0 && std::chrono::steady_clock::now() < deadline) {
    read_some(std::chrono::milliseconds(100));
  }
  if (output_fd_ >= 0) {
    kill(pid_, SIGKILL);
  }

  ProcessResult result;
  int status = 0;
  waitpid(pid_, &status, 0);
  exited_ = true;
  while (read_some(std::chrono::milliseconds(10))) {
  }
  if (WIFEXITED(status)) {
    result.exit_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  result.standard_output = output_;
  return result;
}

ProcessResult run_with_environment(const std::vector<std::string>& arguments,
                                   const std::map<std::string, std::string>& environment,
                                   std::chrono::milliseconds timeout) {
  ChildProcess child(arguments, environment);
  return child.wait(timeout);
}

}  // namespace stillwater::test
