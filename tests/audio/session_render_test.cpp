#include "audio/session_render.hpp"
#include "audio/sound_file.hpp"

#include "audio_test_support.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

scene::Soundscape forest() {
  const fs::path sounds = STILLWATER_SOUNDS_DIR;
  scene::SoundSource wind;
  wind.name = "wind";
  wind.kind = scene::SoundKind::bed;
  wind.files = {sounds / "wind_leaves.flac"};

  scene::SoundSource stream;
  stream.name = "stream";
  stream.kind = scene::SoundKind::loop;
  stream.files = {sounds / "stream.flac"};
  stream.position = {-4.0F, 0.0F, -2.0F};

  scene::SoundSource birds;
  birds.name = "birds";
  birds.kind = scene::SoundKind::one_shot;
  birds.files = {sounds / "bird_1.flac", sounds / "bird_2.flac", sounds / "bird_3.flac"};
  birds.interval_min_s = 2.0F;
  birds.interval_max_s = 4.0F;
  birds.region = {{0.0F, 4.0F, 5.0F}, {6.0F, 2.0F, 3.0F}};

  scene::Soundscape soundscape;
  soundscape.sources = {wind, stream, birds};
  return soundscape;
}

}  // namespace

TEST_CASE("forest session sounds calm", "[audio][session]") {
  const fs::path wav = test::fresh_audio_folder("session") / "forest.wav";
  audio::SessionRenderPlan plan;
  plan.seconds = 30.0;
  plan.fade_in_s = 8.0F;
  plan.fade_out_s = 10.0F;
  plan.motion = core::MotionLevel::lively;
  const auto report = audio::render_session_audio(forest(), plan, wav);

  CHECK(report.one_shots_started >= 3);
  CHECK(report.onset_times_s.empty());
  CHECK(report.largest_rise_db < audio::kOnsetRiseDb);
  CHECK(report.peak_dbfs < -12.0F);
  REQUIRE(report.integrated_lufs.has_value());
  // Target -30 LUFS, volume 0.7 (-3.1 dB), ceiling 0.5 (-6.0 dB).
  CHECK(*report.integrated_lufs == Approx(-39.1).margin(3.0));
  REQUIRE(report.level_dbfs_per_second.size() == 30);
  CHECK(report.level_dbfs_per_second.front() < report.level_dbfs_per_second[10] - 10.0F);
  CHECK(report.level_dbfs_per_second.back() < report.level_dbfs_per_second[15] - 10.0F);

  const audio::Pcm written = audio::decode_file(wav, audio::ChannelTarget::stereo);
  CHECK(written.frames() == static_cast<std::size_t>(30 * test::kRate));
}

TEST_CASE("onsets are found in a sudden sound", "[audio][session]") {
  std::vector<float> stereo(static_cast<std::size_t>(2 * test::kRate) * 2, 0.0F);
  for (std::size_t index = stereo.size() / 2; index < stereo.size(); ++index) {
    stereo[index] = index % 4 < 2 ? 0.3F : -0.3F;
  }
  const auto report = audio::measure_session_audio(stereo, test::kRate);
  REQUIRE(report.onset_times_s.size() == 1);
  CHECK(report.onset_times_s.front() == Approx(1.0));
  CHECK(report.peak_dbfs == Approx(20.0 * std::log10(0.3)).margin(0.01));
}

TEST_CASE("audio-render rejects unknown place", "[audio][session]") {
  const auto result = test::run_process({STILLWATER_EXECUTABLE, "audio-render", "--sounds", STILLWATER_SOUNDS_DIR,
                                         "--place", "moon"});
  CHECK(result.exit_status == 2);
  CHECK(result.standard_error ==
        "stillwater: error: --place: invalid value \"moon\": use sea, forest, garden or night\n");
}
