#pragma once

#include "support/child_process.hpp"

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace stillwater::test {

// The null sink every PulseServer plays into.
inline constexpr const char* kPulseSink = "stillwater";

// Sample rate of the null sink and of MonitorRecorder's recordings, in Hz.
inline constexpr int kPulseRate = 48000;

// Points libpulse in this process, and every program it starts, at the
// server whose sockets are in `folder`. PULSE_SERVER names the client socket.
// Autospawn is off, so no client starts the user's own daemon while the test
// server is down, and the cookie file stays in `folder`.
void use_pulse_server(const std::filesystem::path& folder);

// A private PulseAudio daemon that a test starts, kills and starts again in
// the same folder. It plays into a null sink and opens two sockets there: a
// control socket for the test's pactl and parec, open from the start, and
// the client socket that PULSE_SERVER names, opened only by
// open_client_socket(). So a test can start recording before the engine can
// reconnect. The destructor kills the daemon by its PID.
class PulseServer {
 public:
  // Starts the daemon and waits until its control socket accepts
  // connections. Throws std::runtime_error, with the daemon's log, when
  // pulseaudio is not installed or does not start within 10 s.
  explicit PulseServer(const std::filesystem::path& folder);

  // Opens the client socket (a second module-native-protocol-unix); throws
  // std::runtime_error with pactl's output when pactl fails.
  void open_client_socket() const;

  // Ends the daemon with SIGKILL, as a crash would. Clients get no notice
  // and only see their connection drop. The socket files stay behind, stale.
  void kill();

  [[nodiscard]] pid_t pid() const { return daemon_->pid(); }

 private:
  std::filesystem::path folder_;
  std::filesystem::path log_;
  std::unique_ptr<ChildProcess> daemon_;
};

// A parec process that records the null sink's monitor into a stereo float
// WAV file at kPulseRate. The destructor kills parec by its PID if stop()
// was not called.
class MonitorRecorder {
 public:
  // Starts parec on the control socket in `folder` and waits until its
  // stream exists; throws std::runtime_error with parec's output otherwise.
  MonitorRecorder(const std::filesystem::path& folder, std::filesystem::path file);

  // Lets parec drain its output (standard error) so that it never blocks on
  // a full pipe; call it now and then while recording.
  void drain();

  // Stops parec with SIGINT, so that it finishes the file, and returns the
  // interleaved stereo samples recorded.
  std::vector<float> stop();

 private:
  std::filesystem::path file_;
  std::unique_ptr<ChildProcess> parec_;
};

}  // namespace stillwater::test
