#include "pulse_server.hpp"

#include "support/process.hpp"

#include <signal.h>
#include <sndfile.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace stillwater::test {

namespace fs = std::filesystem;

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);

fs::path control_socket(const fs::path& folder) { return folder / "control"; }
fs::path client_socket(const fs::path& folder) { return folder / "native"; }

std::string unix_address(const fs::path& socket) { return "unix:" + socket.string(); }

// Found by CMake, which gives "<variable>-NOTFOUND" when the package is missing.
void require_program(const std::string& path) {
  if (!fs::exists(path)) {
    throw std::runtime_error("test program \"" + path +
                             "\" not found: install the pulseaudio package (tools/setup.sh installs it)");
  }
}

// True once something listens on `socket_path`. A socket file left behind by a
// killed daemon refuses connections, so its existence alone proves nothing.
bool accepts_connections(const fs::path& socket_path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket_path.string();
  if (path.size() >= sizeof(address.sun_path)) {
    throw std::runtime_error("socket path \"" + path +
                             "\" is too long for a Unix socket: set TMPDIR to a shorter folder");
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

  const int descriptor = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (descriptor < 0) {
    throw std::runtime_error(std::string("socket(AF_UNIX) failed: ") + std::strerror(errno));
  }
  const bool connected = connect(descriptor, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
  close(descriptor);
  return connected;
}

std::string read_text(const fs::path& path) {
  std::ifstream stream(path);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

}  // namespace

void use_pulse_server(const fs::path& folder) {
  const fs::path config = folder / "client.conf";
  std::ofstream(config) << "autospawn = no\n";
  setenv("PULSE_SERVER", unix_address(client_socket(folder)).c_str(), 1);
  setenv("PULSE_CLIENTCONFIG", config.c_str(), 1);
  setenv("PULSE_COOKIE", (folder / "cookie").c_str(), 1);
}

PulseServer::PulseServer(const fs::path& folder) : folder_(folder) {
  require_program(STILLWATER_PULSEAUDIO);

  // Each start logs to its own file, so the first daemon's log survives a restart.
  int start = 1;
  while (fs::exists(folder / ("pulse-" + std::to_string(start) + ".log"))) {
    ++start;
  }
  log_ = folder / ("pulse-" + std::to_string(start) + ".log");
  const fs::path home = folder / "home";
  fs::create_directories(home);

  // As root (as in CI), pulseaudio 16.1 only warns that it is "not intended
  // to be run as root (unless --system is specified)" and runs as the
  // per-user daemon this test needs, as it does for any other user.
  // Real-time and high priority are off so that a daemon run as root does
  // not take the CPU from the engine. Shared memory is off so that a killed
  // daemon leaves no segments behind in /dev/shm. -n skips the default
  // script, so only the two modules below load: no sound hardware and no
  // suspend on idle.
  const std::vector<std::string> arguments{
      STILLWATER_PULSEAUDIO,
      "-n",
      "--daemonize=no",
      "--system=no",
      "--use-pid-file=no",
      "--exit-idle-time=-1",
      "--disallow-exit",
      "--realtime=no",
      "--high-priority=no",
      "--disable-shm=yes",
      "--log-target=file:" + log_.string(),
      std::string("--load=module-null-sink sink_name=") + kPulseSink + " rate=" + std::to_string(kPulseRate),
      "--load=module-native-protocol-unix auth-anonymous=1 socket=" + control_socket(folder).string(),
  };
  // The daemon keeps its state and runtime files in the test's folder.
  daemon_ = std::make_unique<ChildProcess>(
      arguments, std::map<std::string, std::string>{{"HOME", home.string()},
                                                    {"XDG_CONFIG_HOME", (home / ".config").string()},
                                                    {"XDG_RUNTIME_DIR", home.string()}});

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!accepts_connections(control_socket(folder))) {
    // read_more() both waits and notices the daemon exiting (its output ends).
    if (!daemon_->read_more(std::chrono::milliseconds(10)) || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("pulseaudio did not start within 10 s; output:\n" + daemon_->output() + "\nlog:\n" +
                               read_text(log_));
    }
  }
}

void PulseServer::open_client_socket() const {
  const ProcessResult result = run_process({STILLWATER_PACTL, "--server=" + unix_address(control_socket(folder_)),
                                            "load-module", "module-native-protocol-unix", "auth-anonymous=1",
                                            "socket=" + client_socket(folder_).string()});
  if (result.exit_status != 0) {
    throw std::runtime_error("pactl load-module module-native-protocol-unix failed: " + result.standard_error +
                             "\nlog:\n" + read_text(log_));
  }
}

void PulseServer::kill() { daemon_->kill_and_wait(SIGKILL); }

MonitorRecorder::MonitorRecorder(const fs::path& folder, fs::path file) : file_(std::move(file)) {
  require_program(STILLWATER_PAREC);
  // -v prints "Stream successfully created." once the recording runs; the
  // 20 ms latency request makes the monitor deliver steadily rather than in
  // large, late lumps.
  parec_ = std::make_unique<ChildProcess>(std::vector<std::string>{
      STILLWATER_PAREC, "-v", "--server=" + unix_address(control_socket(folder)),
      std::string("--device=") + kPulseSink + ".monitor", "--rate=" + std::to_string(kPulseRate), "--channels=2",
      "--format=float32le", "--latency-msec=20", "--file-format=wav", file_.string()});
  if (!parec_->wait_for_output("Stream successfully created.", kStartTimeout)) {
    throw std::runtime_error("parec did not start recording; output:\n" + parec_->output());
  }

  // With PulseAudio 16.1 the null sink's monitor delivered nothing for about
  // 2 s after the stream was created, so wait until samples reach the file
  // (libsndfile writes them straight through): 64 KiB is about 0.17 s.
  constexpr std::uintmax_t kRecordingStarted = 64 * 1024;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::error_code size_error;
  while (fs::file_size(file_, size_error) < kRecordingStarted || size_error) {
    if (!parec_->read_more(std::chrono::milliseconds(10)) || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("parec received no samples within 10 s; output:\n" + parec_->output());
    }
  }
}

void MonitorRecorder::drain() { parec_->read_more(std::chrono::milliseconds(0)); }

std::vector<float> MonitorRecorder::stop() {
  parec_->send_signal(SIGINT);
  const ProcessResult result = parec_->wait(std::chrono::seconds(5));
  if (result.exit_status != 0) {
    throw std::runtime_error("parec failed (exit status " + std::to_string(result.exit_status) + ", signal " +
                             std::to_string(result.signal) + "); output:\n" + result.standard_output);
  }

  SF_INFO info{};
  SNDFILE* sound = sf_open(file_.c_str(), SFM_READ, &info);
  if (sound == nullptr) {
    throw std::runtime_error("test could not read " + file_.string() + ": " + sf_strerror(nullptr));
  }
  std::vector<float> samples(static_cast<std::size_t>(info.frames) * static_cast<std::size_t>(info.channels));
  const sf_count_t frames = sf_readf_float(sound, samples.data(), info.frames);
  sf_close(sound);
  if (info.channels != 2 || info.samplerate != kPulseRate || frames != info.frames) {
    throw std::runtime_error("recording " + file_.string() + " is not whole 48 kHz stereo");
  }
  return samples;
}

}  // namespace stillwater::test
