#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace stillwater::test {

ProcessResult run_process(const std::vector<std::string>& arguments) {
  std::array<int, 2> out_pipe{};
  std::array<int, 2> error_pipe{};
  if (pipe(out_pipe.data()) != 0 || pipe(error_pipe.data()) != 0) {
    throw std::runtime_error("pipe failed");
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, error_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, error_pipe[0]);

  std::vector<char*> argv;
  for (const auto& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int spawn_error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(error_pipe[1]);
  if (spawn_error != 0) {
    close(out_pipe[0]);
    close(error_pipe[0]);
    throw std::runtime_error("posix_spawn failed for " + arguments.front());
  }

  ProcessResult result;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {error_pipe[0], POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&result.standard_output, &result.standard_error};
  int open_streams = 2;
  while (open_streams > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      break;
    }
    for (std::size_t index = 0; index < fds.size(); ++index) {
      if (fds[index].fd < 0 || fds[index].revents == 0) {
        continue;
      }
      std::array<char, 4096> buffer{};
      const ssize_t count = read(fds[index].fd, buffer.data(), buffer.size());
      if (count <= 0) {
        close(fds[index].fd);
        fds[index].fd = -1;
        --open_streams;
      } else {
        sinks[index]->append(buffer.data(), static_cast<std::size_t>(count));
      }
    }
  }

  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) {
    result.exit_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

std::vector<std::string> meaningful_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty() || line.find("lavapipe is not a conformant") != std::string::npos) {
      continue;
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace stillwater::test
