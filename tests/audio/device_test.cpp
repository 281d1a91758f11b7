// Runs the engine on a real playback device: OpenAL Soft's null backend,
// which mixes in real time and plays nothing. Set before main() so OpenAL
// Soft reads it when it first loads its configuration.

#include "audio/audio_engine.hpp"

#include "audio_test_support.hpp"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace stillwater;
using audio::AudioEngine;
namespace fs = std::filesystem;

namespace {

const bool null_backend_selected = setenv("ALSOFT_DRIVERS", "null", 1) == 0;

}  // namespace

TEST_CASE("stop now finishes without frames", "[audio][device]") {
  REQUIRE(null_backend_selected);
  const fs::path file = test::fresh_audio_folder("device") / "bed.flac";
  test::write_sound(file, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, test::sine(250.0, 0.5F, 3.0, {true, true}), 2);

  AudioEngine engine(audio::DeviceChoice::default_device);
  REQUIRE(engine.health().state == audio::AudioHealthState::ok);
  CHECK(engine.hrtf_active());

  scene::Soundscape soundscape;
  scene::SoundSource bed;
  bed.name = "bed";
  bed.kind = scene::SoundKind::bed;
  bed.files = {file};
  soundscape.sources = {bed};
  engine.load(soundscape);

  // Frames at 100 Hz of wall time for one second bring the level up.
  const auto start = std::chrono::steady_clock::now();
  for (int frame = 0; frame <= 100; ++frame) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    engine.update({}, test::full_frame(0.0), elapsed.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(engine.master_gain() > 0.0F);

  // The frame loop stalls just as stop now is pressed: the worker finishes
  // the fade by the wall clock, within 1 / kMaxLevelChangePerSecond seconds
  // plus its 20 ms period.
  engine.stop_now();
  const auto stopped = std::chrono::steady_clock::now();
  while (engine.master_gain() > 0.0F && std::chrono::steady_clock::now() - stopped < std::chrono::seconds(2)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::chrono::duration<double> to_silence = std::chrono::steady_clock::now() - stopped;
  CHECK(engine.master_gain() == 0.0F);
  CHECK(to_silence.count() <= static_cast<double>(core::kStopNowMaxSeconds));
  CHECK(engine.health().state == audio::AudioHealthState::ok);
}
