// Runs the engine through OpenAL Soft's PulseAudio backend against a private
// PulseAudio daemon, kills the daemon mid-session and starts it again. OpenAL
// Soft 1.19.1 marks the device disconnected (ALC_CONNECTED false) when its
// PulseAudio context or stream fails, which is what a dropped server
// connection causes. The backend is chosen once per process, so this suite
// has its own executable; ALSOFT_DRIVERS is set before main() so OpenAL Soft
// reads it when it first loads its configuration.

#include "audio/audio_engine.hpp"

#include "audio_test_support.hpp"
#include "pulse_server.hpp"

#include <catch2/catch.hpp>
#include <sndfile.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <thread>

using namespace stillwater;
using audio::AudioEngine;
using audio::AudioHealthState;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

const bool pulse_backend_selected = setenv("ALSOFT_DRIVERS", "pulse", 1) == 0;

// A folder of its own for each run, short enough for Unix socket paths, and
// removed at the end.
class RunFolder {
 public:
  RunFolder() : path_(fs::temp_directory_path() / ("stillwater-pulse-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;
  ~RunFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }

  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Sends the default logger's lines to a ring buffer as well, at info level,
// until destroyed.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()), sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(500)) {
    std::vector<spdlog::sink_ptr> sinks = previous_->sinks();
    sinks.push_back(sink_);
    auto logger = std::make_shared<spdlog::logger>("capture", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  ~LogCapture() { spdlog::set_default_logger(previous_); }

  // Lines that contain `text`.
  [[nodiscard]] std::size_t count(const std::string& text) const {
    const auto lines = sink_->last_formatted();
    const auto contains_text = [&](const std::string& line) { return line.find(text) != std::string::npos; };
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), contains_text));
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

// One frame's view of the engine, taken right after update().
struct FrameSample {
  double time_s = 0.0;
  float master_gain = 0.0F;
  AudioHealthState state = AudioHealthState::ok;
};

// Stands in for the frame loop: calls update() at about 100 Hz with the
// session clock following the wall clock, as a headset session does.
class FrameLoop {
 public:
  explicit FrameLoop(AudioEngine& engine) : engine_(engine), start_(Clock::now()) {}

  // Runs frames until `done` returns true for a frame or `limit` passes;
  // returns the frames run. `between` is called after each frame.
  std::vector<FrameSample> run(std::chrono::milliseconds limit, const std::function<bool(const FrameSample&)>& done,
                               const std::function<void()>& between = [] {}) {
    std::vector<FrameSample> frames;
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      const std::chrono::duration<double> elapsed = Clock::now() - start_;
      engine_.update({}, test::full_frame(elapsed.count()), elapsed.count());
      frames.push_back({elapsed.count(), engine_.master_gain(), engine_.health().state});
      between();
      if (done(frames.back())) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return frames;
  }

  std::vector<FrameSample> run_for(std::chrono::milliseconds duration, const std::function<void()>& between = [] {}) {
    return run(duration, [](const FrameSample&) { return false; }, between);
  }

 private:
  AudioEngine& engine_;
  Clock::time_point start_;
};

// Root mean square of the left channel in consecutive windows of `window_s`.
std::vector<double> envelope(const std::vector<float>& stereo, double window_s) {
  const auto window = static_cast<std::size_t>(window_s * test::kPulseRate) * 2;
  std::vector<double> levels;
  for (std::size_t begin = 0; begin + window <= stereo.size(); begin += window) {
    levels.push_back(test::channel_rms(std::span<const float>(stereo).subspan(begin, window), 2, 0));
  }
  return levels;
}

// Index of the first level at or above `threshold`, or levels.size().
std::size_t first_at_or_above(const std::vector<double>& levels, double threshold) {
  return static_cast<std::size_t>(
      std::find_if(levels.begin(), levels.end(), [&](double level) { return level >= threshold; }) - levels.begin());
}

// A soundscape of one bed playing a steady tone, so the recorded level
// follows the gain alone. The tone lasts longer than a test, because the
// equal-power crossfade at a loop point lifts a tone that loops in phase by
// up to 3 dB.
scene::Soundscape steady_tone_bed(const fs::path& folder) {
  const fs::path file = folder / "bed.flac";
  test::write_sound(file, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, test::sine(250.0, 0.5F, 30.0, {true, true}), 2);
  scene::SoundSource bed;
  bed.name = "bed";
  bed.kind = scene::SoundKind::bed;
  bed.files = {file};
  scene::Soundscape soundscape;
  soundscape.sources = {bed};
  return soundscape;
}

}  // namespace

TEST_CASE("device loss and return", "[audio][pulse]") {
  REQUIRE(pulse_backend_selected);
  const RunFolder folder;
  test::use_pulse_server(folder.path());
  const LogCapture log;

  const scene::Soundscape soundscape = steady_tone_bed(folder.path());

  // OpenAL Soft only offers its PulseAudio backend if a server accepts a
  // connection when the library first initialises, so the server comes first.
  auto server = std::make_unique<test::PulseServer>(folder.path());
  server->open_client_socket();

  // Declared after the server, so the engine closes its device before the
  // last daemon is killed.
  AudioEngine engine(audio::DeviceChoice::default_device);
  REQUIRE(engine.health().state == AudioHealthState::ok);
  engine.load(soundscape);
  FrameLoop frames(engine);

  // The level rises at kMaxLevelChangePerSecond, so full level within 1 s.
  frames.run_for(std::chrono::milliseconds(1000));
  REQUIRE(engine.master_gain() == Approx(audio::kVolumeCeiling));

  // The server goes away without a word, as when it crashes. The engine
  // must notice within one second.
  const auto killed_at = Clock::now();
  server->kill();
  frames.run(std::chrono::milliseconds(3000),
             [](const FrameSample& frame) { return frame.state != AudioHealthState::ok; });
  const std::chrono::duration<double> to_notice = Clock::now() - killed_at;
  const audio::AudioHealth lost = engine.health();
  REQUIRE(lost.state == AudioHealthState::device_lost);
  CHECK(lost.message == "The sound device was disconnected. Sound will fade back in when it is connected again.");
  CHECK(to_notice.count() <= 1.0);
  CHECK(engine.master_gain() == 0.0F);
  CHECK(log.count("audio: device disconnected; will reopen it when it returns") == 1);

  // While the server is down, reopening fails every second (at least once
  // here) and the engine keeps reporting the loss.
  const auto while_lost = frames.run_for(std::chrono::milliseconds(1500));
  CHECK(std::all_of(while_lost.begin(), while_lost.end(),
                    [](const FrameSample& frame) { return frame.state == AudioHealthState::device_lost; }));
  CHECK(std::all_of(while_lost.begin(), while_lost.end(),
                    [](const FrameSample& frame) { return frame.master_gain == 0.0F; }));

  // The server returns. The recording starts before the client socket
  // opens, so it contains the first sample the engine plays.
  server = std::make_unique<test::PulseServer>(folder.path());
  test::MonitorRecorder recorder(folder.path(), folder.path() / "return.wav");
  server->open_client_socket();

  const auto reopening = frames.run(
      std::chrono::milliseconds(5000), [](const FrameSample& frame) { return frame.state == AudioHealthState::ok; },
      [&] { recorder.drain(); });
  REQUIRE(engine.health().state == AudioHealthState::ok);
  CHECK(engine.health().message.empty());
  CHECK(log.count("audio: device reopened; fading sound back in") == 1);

  // Sound fades back in over kRecoveryFadeSeconds, then holds.
  const auto fade_ms = static_cast<int>(audio::kRecoveryFadeSeconds * 1000.0F);
  std::vector<FrameSample> returning{reopening.back()};
  const auto after = frames.run_for(std::chrono::milliseconds(fade_ms + 1500), [&] { recorder.drain(); });
  returning.insert(returning.end(), after.begin(), after.end());
  const std::vector<float> recording = recorder.stop();

  CHECK(returning.front().master_gain <= 0.05F * audio::kVolumeCeiling);
  CHECK(returning.back().master_gain == Approx(audio::kVolumeCeiling));
  // update() skips a frame while the worker holds the engine's lock, and the
  // next frame then covers both. So each rise is measured from the last
  // frame that changed the gain.
  const float max_rise_per_second = audio::kVolumeCeiling / audio::kRecoveryFadeSeconds;
  std::size_t last_change = 0;
  for (std::size_t index = 1; index < returning.size(); ++index) {
    if (returning[index].master_gain == returning[last_change].master_gain) {
      continue;
    }
    const auto step_s = static_cast<float>(returning[index].time_s - returning[last_change].time_s);
    const float rise = returning[index].master_gain - returning[last_change].master_gain;
    INFO("frame " << index << " at " << returning[index].time_s << " s");
    // 1% and 1e-6 cover float rounding of the clock and the gain.
    CHECK(rise <= max_rise_per_second * step_s * 1.01F + 1e-6F);
    last_change = index;
  }

  // The sink's own output shows the same: silence until the engine plays,
  // then a rise from 5% to 90% of the steady level that takes most of the
  // 3 s fade (2.55 s for a linear rise), not one jump.
  constexpr double kWindowSeconds = 0.05;
  const std::vector<double> levels = envelope(recording, kWindowSeconds);
  REQUIRE(levels.size() >= 40);
  double steady = 0.0;
  for (std::size_t index = levels.size() - 20; index < levels.size(); ++index) {
    steady += levels[index] / 20.0;
  }
  INFO("steady level (RMS) " << steady << " over " << levels.size() << " windows");
  REQUIRE(steady > 0.005);
  CHECK(levels.front() == 0.0);
  const std::size_t onset = first_at_or_above(levels, 0.05 * steady);
  const std::size_t near_full = first_at_or_above(levels, 0.9 * steady);
  REQUIRE(near_full < levels.size());
  const double rise_s = static_cast<double>(near_full - onset) * kWindowSeconds;
  INFO("rise from 5% to 90% took " << rise_s << " s");
  CHECK(rise_s >= 1.5);
  CHECK(rise_s <= 2.0 * static_cast<double>(audio::kRecoveryFadeSeconds));
}

TEST_CASE("stop now during device loss", "[audio][pulse]") {
  REQUIRE(pulse_backend_selected);
  const RunFolder folder;
  test::use_pulse_server(folder.path());
  auto server = std::make_unique<test::PulseServer>(folder.path());
  server->open_client_socket();
  AudioEngine engine(audio::DeviceChoice::default_device);
  REQUIRE(engine.health().state == AudioHealthState::ok);
  engine.load(steady_tone_bed(folder.path()));
  FrameLoop frames(engine);
  frames.run_for(std::chrono::milliseconds(1000));
  REQUIRE(engine.master_gain() == Approx(audio::kVolumeCeiling));

  server->kill();
  frames.run(std::chrono::milliseconds(3000),
             [](const FrameSample& frame) { return frame.state != AudioHealthState::ok; });
  REQUIRE(engine.health().state == AudioHealthState::device_lost);

  // The nurse presses stop now while there is no device. Frames keep asking
  // for full level, so only stop now keeps the sound down.
  engine.stop_now();
  frames.run_for(std::chrono::milliseconds(600));

  server = std::make_unique<test::PulseServer>(folder.path());
  test::MonitorRecorder recorder(folder.path(), folder.path() / "return.wav");
  server->open_client_socket();
  frames.run(
      std::chrono::milliseconds(5000), [](const FrameSample& frame) { return frame.state == AudioHealthState::ok; },
      [&] { recorder.drain(); });
  REQUIRE(engine.health().state == AudioHealthState::ok);

  // The returning device stays silent: stop now lasts until the next load().
  const auto after = frames.run_for(std::chrono::milliseconds(1500), [&] { recorder.drain(); });
  const std::vector<float> recording = recorder.stop();
  CHECK(std::all_of(after.begin(), after.end(), [](const FrameSample& frame) { return frame.master_gain == 0.0F; }));
  REQUIRE(recording.size() >= static_cast<std::size_t>(test::kPulseRate) * 2);
  const auto loudest = std::max_element(recording.begin(), recording.end(),
                                        [](float a, float b) { return std::abs(a) < std::abs(b); });
  CHECK(*loudest == 0.0F);
}
