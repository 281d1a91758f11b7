#include "audio/al_check.hpp"
#include "audio/audio_engine.hpp"
#include "audio/random.hpp"

#include "audio_test_support.hpp"

#include <catch2/catch.hpp>
#include <glm/gtc/quaternion.hpp>
#include <sndfile.h>

#include <algorithm>
#include <iomanip>
#include <cmath>
#include <numbers>

using namespace stillwater;
using audio::AudioEngine;
using audio::DeviceChoice;
namespace fs = std::filesystem;

namespace {

// Broadband noise, so HRTF level differences show at every frequency.
std::vector<float> noise(double seconds, float amplitude, int channels, std::uint64_t seed) {
  audio::SeededRandom random(seed);
  std::vector<float> samples(static_cast<std::size_t>(seconds * test::kRate) * static_cast<std::size_t>(channels));
  for (float& sample : samples) {
    sample = static_cast<float>(random.uniform(-amplitude, amplitude));
  }
  return samples;
}

scene::SoundSource source(const std::string& name, scene::SoundKind kind, const fs::path& file) {
  scene::SoundSource result;
  result.name = name;
  result.kind = kind;
  result.files = {file};
  return result;
}

std::span<const float> last_seconds(const std::vector<float>& stereo, double seconds) {
  const auto count = static_cast<std::size_t>(seconds * test::kRate) * 2;
  return std::span<const float>(stereo).last(std::min(count, stereo.size()));
}

float peak(std::span<const float> samples) {
  float largest = 0.0F;
  for (const float sample : samples) {
    largest = std::max(largest, std::abs(sample));
  }
  return largest;
}

audio::ListenerPose facing_yaw(float degrees) {
  audio::ListenerPose pose;
  pose.orientation = glm::angleAxis(glm::radians(degrees), glm::vec3(0.0F, 1.0F, 0.0F));
  return pose;
}

struct EarLevels {
  double left;
  double right;
};

EarLevels ear_levels(const fs::path& file, glm::vec3 position, const audio::ListenerPose& pose) {
  AudioEngine engine(DeviceChoice::loopback);
  scene::Soundscape soundscape;
  auto loop = source("point", scene::SoundKind::loop, file);
  loop.position = position;
  soundscape.sources = {loop};
  engine.load(soundscape);

  double clock = 0.0;
  const auto out = test::render_for(engine, 1.0, clock, test::full_frame, pose);
  const auto tail = last_seconds(out, 0.5);
  return {test::channel_rms(tail, 2, 0), test::channel_rms(tail, 2, 1)};
}

}  // namespace

TEST_CASE("source at +90 degrees is louder right", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("ears") / "noise.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, noise(1.0, 0.5F, 1, 7), 1);

  const auto right = ear_levels(file, {2.0F, 0.0F, 0.0F}, {});
  CHECK(right.right > right.left * 2.0);

  const auto left = ear_levels(file, {-2.0F, 0.0F, 0.0F}, {});
  CHECK(left.left > left.right * 2.0);

  // Turned around, the listener hears the +90 degree source on the left.
  const auto turned = ear_levels(file, {2.0F, 0.0F, 0.0F}, facing_yaw(180.0F));
  CHECK(turned.left > turned.right * 2.0);

  // Turned 90 degrees to the right, the source is ahead: both ears alike.
  const auto ahead = ear_levels(file, {2.0F, 0.0F, 0.0F}, facing_yaw(-90.0F));
  CHECK(ahead.left == Approx(ahead.right).epsilon(0.25));
}

TEST_CASE("left-only bed stays in left ear", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("left-bed") / "left.flac";
  test::write_sound(file, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, test::sine(300.0, 0.5F, 1.5, {true, false}), 2);

  AudioEngine engine(DeviceChoice::loopback);
  REQUIRE(engine.hrtf_active());
  scene::Soundscape soundscape;
  soundscape.sources = {source("bed", scene::SoundKind::bed, file)};
  engine.load(soundscape);

  double clock = 0.0;
  const auto out = test::render_for(engine, 3.0, clock, test::full_frame, facing_yaw(40.0F));
  CHECK(test::channel_rms(last_seconds(out, 2.0), 2, 0) > 0.005);
  CHECK(test::channel_rms(out, 2, 1) == 0.0);
}

TEST_CASE("everything starts from silence", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("silent-start") / "bed.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, noise(1.0, 0.8F, 2, 3), 2);

  AudioEngine engine(DeviceChoice::loopback);
  scene::Soundscape soundscape;
  soundscape.sources = {source("bed", scene::SoundKind::bed, file)};
  engine.load(soundscape);

  // The caller requests full level at once. The first 10 ms are still
  // silent, and the level rises over half a second, not in one step.
  double clock = 0.0;
  const auto out = test::render_for(engine, 1.0, clock, test::full_frame);
  CHECK(peak(std::span<const float>(out).first(480 * 2)) == 0.0F);
  const double early = test::channel_rms(std::span<const float>(out).subspan(4800 * 2, 2400 * 2), 2, 0);
  const double settled = test::channel_rms(last_seconds(out, 0.2), 2, 0);
  CHECK(early < settled * 0.4);
  CHECK(settled > 0.001);
}

TEST_CASE("reloading a bed keeps sound", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("reload-bed") / "bed.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, noise(1.0, 0.5F, 2, 5), 2);

  AudioEngine engine(DeviceChoice::loopback);
  scene::Soundscape soundscape;
  soundscape.sources = {source("bed", scene::SoundKind::bed, file)};
  engine.load(soundscape);
  double clock = 0.0;
  (void)test::render_for(engine, 1.0, clock, test::full_frame);

  // A scene change loads the next soundscape while the bed still plays.
  REQUIRE_NOTHROW(engine.load(soundscape));
  const auto out = test::render_for(engine, 1.0, clock, test::full_frame);
  CHECK(engine.health().state == audio::AudioHealthState::ok);
  CHECK(test::channel_rms(last_seconds(out, 0.3), 2, 0) > 0.001);
}

TEST_CASE("fades and loop points never click", "[audio][engine]") {
  const fs::path folder = test::fresh_audio_folder("no-clicks");
  // 0.37 s of 210 Hz: a raw loop would jump at every wrap.
  test::write_sound(folder / "bed.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, test::sine(210.0, 0.5F, 0.37, {true, true}),
                    2);
  test::write_sound(folder / "loop.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, test::sine(180.0, 0.5F, 0.29, {true}), 1);

  AudioEngine engine(DeviceChoice::loopback);
  scene::Soundscape soundscape;
  auto loop = source("loop", scene::SoundKind::loop, folder / "loop.wav");
  loop.position = {0.0F, 0.0F, -1.0F};
  soundscape.sources = {source("bed", scene::SoundKind::bed, folder / "bed.flac"), loop};
  engine.load(soundscape);

  // Fade in over 2 s, hold, then the caller drops the fade to 0 in one frame.
  double clock = 0.0;
  const auto fade_in = test::render_for(engine, 2.0, clock, [](double time_s) {
    return audio::AudioFrame{static_cast<float>(time_s / 2.0), 1.0F, core::MotionLevel::gentle};
  });
  const auto hold = test::render_for(engine, 2.0, clock, test::full_frame);
  const auto drop = test::render_for(engine, 1.0, clock, [](double) {
    return audio::AudioFrame{0.0F, 1.0F, core::MotionLevel::gentle};
  });

  // The steady signal's own largest step sets the bound for everything else.
  const float steady = test::max_step(hold);
  REQUIRE(steady > 0.0F);
  CHECK(steady < 0.02F);
  CHECK(test::max_step(fade_in) <= steady * 1.5F);
  CHECK(test::max_step(drop) <= steady * 1.5F);
  CHECK(peak(last_seconds(drop, 0.3)) < 1e-4F);
}

TEST_CASE("stop now is silent within 1 s", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("stop-now") / "bed.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, test::sine(250.0, 0.5F, 2.0, {true, true}), 2);

  AudioEngine engine(DeviceChoice::loopback);
  scene::Soundscape soundscape;
  soundscape.sources = {source("bed", scene::SoundKind::bed, file)};
  engine.load(soundscape);

  double clock = 0.0;
  const auto playing = test::render_for(engine, 2.0, clock, test::full_frame);
  REQUIRE(test::channel_rms(last_seconds(playing, 0.5), 2, 0) > 0.005);

  // The controller still requests full level, and stop now overrides it.
  engine.stop_now();
  const auto stopping = test::render_for(engine, 1.0, clock, test::full_frame);
  CHECK(peak(last_seconds(stopping, 0.4)) == 0.0F);
  CHECK(test::max_step(stopping) <= test::max_step(last_seconds(playing, 0.5)) * 1.5F);
  CHECK(engine.master_gain() == 0.0F);
}

TEST_CASE("volume ceiling holds at full gain", "[audio][engine]") {
  const fs::path folder = test::fresh_audio_folder("ceiling");
  scene::Soundscape soundscape;
  // A target far too loud, full-scale noise and every source turned up.
  soundscape.loudness_target_lufs = -5.0F;
  for (int index = 0; index < 4; ++index) {
    const fs::path file = folder / ("bed" + std::to_string(index) + ".wav");
    test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, noise(1.0, 1.0F, 2, 100U + static_cast<unsigned>(index)),
                      2);
    auto bed = source("bed", scene::SoundKind::bed, file);
    bed.gain_db = 40.0F;
    soundscape.sources.push_back(bed);
  }

  AudioEngine engine(DeviceChoice::loopback);
  engine.load(soundscape);
  double clock = 0.0;
  const auto out = test::render_for(engine, 2.0, clock, [](double) {
    return audio::AudioFrame{1.0F, 5.0F, core::MotionLevel::gentle};
  });
  CHECK(engine.master_gain() == audio::kVolumeCeiling);
  // Unlimited, this mix would peak near 4. OpenAL Soft's limiter keeps it at
  // full scale, give or take the rounding of its float gain.
  INFO("peak " << std::setprecision(9) << peak(out));
  CHECK(peak(out) <= 1.0F + 1e-6F);
  CHECK(test::channel_rms(last_seconds(out, 1.0), 2, 0) > 0.1);
}

TEST_CASE("motion level sets one-shot rate", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("one-shots") / "chirp.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(3000.0, 0.5F, 0.3, {true}), 1);
  scene::Soundscape soundscape;
  auto birds = source("birds", scene::SoundKind::one_shot, file);
  birds.interval_min_s = 1.0F;
  birds.interval_max_s = 2.0F;
  birds.region = {{0.0F, 2.0F, -5.0F}, {4.0F, 1.0F, 4.0F}};
  soundscape.sources = {birds};

  const auto count_at = [&soundscape](core::MotionLevel motion, std::vector<float>* out) {
    AudioEngine engine(DeviceChoice::loopback);
    engine.load(soundscape, 42);
    double clock = 0.0;
    auto rendered = test::render_for(engine, 30.0, clock, [motion](double) {
      return audio::AudioFrame{1.0F, 1.0F, motion};
    });
    if (out != nullptr) {
      *out = std::move(rendered);
    }
    return engine.one_shots_started();
  };

  std::vector<float> still_out;
  CHECK(count_at(core::MotionLevel::still, &still_out) == 0);
  CHECK(peak(still_out) == 0.0F);

  std::vector<float> gentle_out;
  const std::size_t gentle = count_at(core::MotionLevel::gentle, &gentle_out);
  const std::size_t lively = count_at(core::MotionLevel::lively, nullptr);
  CHECK(gentle >= 5);
  CHECK(lively > gentle + gentle / 2);
  CHECK(peak(gentle_out) > 0.001F);

  // The same seed gives the same session, sample for sample.
  std::vector<float> again;
  CHECK(count_at(core::MotionLevel::gentle, &again) == gentle);
  CHECK(again == gentle_out);
}

TEST_CASE("al_check reports AL_INVALID_NAME", "[audio][engine]") {
  AudioEngine engine(DeviceChoice::loopback);
  alSourcei(987654, AL_LOOPING, AL_TRUE);
  try {
    audio::al_check("alSourcei (unknown source)");
    FAIL("al_check did not throw");
  } catch (const core::ApiError& error) {
    CHECK(error.result_name() == "AL_INVALID_NAME");
    CHECK(std::string(error.what()).starts_with("alSourcei (unknown source) failed with AL_INVALID_NAME"));
  }
}

TEST_CASE("default device or a clear message", "[audio][engine]") {
  AudioEngine engine(DeviceChoice::default_device);
  const auto health = engine.health();
  if (health.state == audio::AudioHealthState::no_device) {
    CHECK(health.message ==
          "No sound device was found, so this session has no sound. Check that the headphones or speakers are "
          "connected and switched on, then start a new session.");
    CHECK_FALSE(engine.hrtf_active());
  } else {
    CHECK(health.state == audio::AudioHealthState::ok);
  }

  // Without sound the session still runs: the scene loads and frames are accepted.
  const fs::path file = test::fresh_audio_folder("default-device") / "bed.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(300.0, 0.5F, 1.0, {true, true}), 2);
  scene::Soundscape soundscape;
  soundscape.sources = {source("bed", scene::SoundKind::bed, file)};
  CHECK_NOTHROW(engine.load(soundscape));
  CHECK_NOTHROW(engine.update({}, test::full_frame(0.0), 0.0));
  CHECK_NOTHROW(engine.update({}, test::full_frame(0.1), 0.1));
}

TEST_CASE("16-bit render matches float render", "[audio][engine]") {
  const fs::path file = test::fresh_audio_folder("render-16") / "loop.wav";
  test::write_sound(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, test::sine(440.0, 0.5F, 1.0, {true}), 1);
  scene::Soundscape soundscape;
  auto loop = source("loop", scene::SoundKind::loop, file);
  loop.position = {1.0F, 0.0F, -1.0F};
  soundscape.sources = {loop};

  std::vector<float> floats(4800 * 2);
  std::vector<std::int16_t> shorts(4800 * 2);
  for (const bool sixteen_bit : {false, true}) {
    AudioEngine engine(DeviceChoice::loopback);
    engine.load(soundscape);
    for (int step = 0; step < 100; ++step) {
      engine.update({}, test::full_frame(0.0), step * 0.1);
      if (sixteen_bit) {
        engine.render(std::span<std::int16_t>(shorts));
      } else {
        engine.render(std::span<float>(floats));
      }
    }
  }

  REQUIRE(peak(floats) > 0.01F);
  int largest_difference = 0;
  for (std::size_t index = 0; index < floats.size(); ++index) {
    const auto expected = static_cast<int>(std::lround(floats[index] * 32767.0F));
    largest_difference = std::max(largest_difference, std::abs(expected - shorts[index]));
  }
  CHECK(largest_difference == 0);
}
