#include "audio/loudness.hpp"
#include "audio/prepared_soundscape.hpp"

#include "audio_test_support.hpp"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <stdexcept>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

scene::SoundSource loop_source(const std::string& name, const fs::path& file) {
  scene::SoundSource source;
  source.name = name;
  source.kind = scene::SoundKind::loop;
  source.files = {file};
  return source;
}

}  // namespace

TEST_CASE("full-scale 1 kHz sine reads about -3 LUFS", "[audio][loudness]") {
  // EBU Tech 3341: a 0 dBFS 1 kHz sine in one channel measures -3.01 LUFS.
  audio::Pcm pcm{test::kRate, 1, test::sine(1000.0, 1.0F, 5.0, {true})};
  const auto loudness = audio::integrated_loudness(pcm);
  REQUIRE(loudness.has_value());
  CHECK(*loudness == Approx(-3.01).margin(0.1));
}

TEST_CASE("silence has no loudness", "[audio][loudness]") {
  audio::Pcm pcm{test::kRate, 1, std::vector<float>(48000, 0.0F)};
  CHECK_FALSE(audio::integrated_loudness(pcm).has_value());
  CHECK(audio::normalisation_gain_db(std::nullopt, -30.0F) == 0.0F);
}

TEST_CASE("normalisation gain is bounded", "[audio][loudness]") {
  CHECK(audio::normalisation_gain_db(-20.0, -30.0F) == Approx(-10.0));
  CHECK(audio::normalisation_gain_db(-100.0, -30.0F) == Approx(audio::kMaxNormalisationGainDb));
  CHECK(audio::normalisation_gain_db(10.0, -40.0F) == Approx(audio::kMinNormalisationGainDb));
}

TEST_CASE("louder file is normalised to same level", "[audio][loudness]") {
  const fs::path folder = test::fresh_audio_folder("normalise");
  test::write_sound(folder / "quiet.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, test::sine(500.0, 0.02F, 3.0, {true}),
                    1);
  test::write_sound(folder / "loud.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, test::sine(500.0, 0.2F, 3.0, {true}), 1);

  scene::Soundscape soundscape;
  soundscape.loudness_target_lufs = -30.0F;
  soundscape.sources = {loop_source("quiet", folder / "quiet.flac"), loop_source("loud", folder / "loud.flac")};
  const auto prepared = audio::prepare_soundscape(soundscape);

  REQUIRE(prepared.loops.size() == 2);
  const double quiet = test::channel_rms(prepared.loops[0].pcm.samples, 1, 0);
  const double loud = test::channel_rms(prepared.loops[1].pcm.samples, 1, 0);
  CHECK(20.0 * std::log10(loud / quiet) == Approx(0.0).margin(0.1));
  CHECK(*audio::integrated_loudness(prepared.loops[1].pcm) == Approx(-30.0).margin(0.3));
}

TEST_CASE("bed loudness is measured from file", "[audio][loudness]") {
  const fs::path path = test::fresh_audio_folder("bed-loudness") / "bed.wav";
  test::write_sound(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(1000.0, 0.5F, 4.0, {true, true}), 2);

  // Two channels of a -6 dBFS sine: -3.01 - 6.02 + 3.01 LUFS.
  const auto loudness = audio::file_integrated_loudness(path, audio::ChannelTarget::stereo);
  REQUIRE(loudness.has_value());
  CHECK(*loudness == Approx(-6.02).margin(0.1));
  CHECK(audio::file_integrated_loudness(path, audio::ChannelTarget::stereo) == loudness);
}

TEST_CASE("one-shot stays within margin of bed", "[audio][loudness]") {
  const fs::path folder = test::fresh_audio_folder("one-shot-margin");
  test::write_sound(folder / "bed.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(200.0, 0.3F, 2.0, {true, true}),
                    2);
  test::write_sound(folder / "bird.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(3000.0, 0.9F, 2.0, {true}), 1);

  scene::Soundscape soundscape;
  scene::SoundSource bed;
  bed.name = "bed";
  bed.kind = scene::SoundKind::bed;
  bed.files = {folder / "bed.wav"};
  scene::SoundSource bird;
  bird.name = "bird";
  bird.kind = scene::SoundKind::one_shot;
  bird.files = {folder / "bird.wav"};
  bird.gain_db = 20.0F;
  bird.gain_min_db = -6.0F;
  bird.gain_max_db = 0.0F;
  soundscape.sources = {bed, bird};

  const auto prepared = audio::prepare_soundscape(soundscape);
  REQUIRE(prepared.one_shots.size() == 1);
  const auto& set = prepared.one_shots.front();
  CHECK(set.gain_max_db == 0.0F);
  CHECK(set.gain_min_db == -6.0F);
  const auto loudness = audio::integrated_loudness(set.sounds.front());
  REQUIRE(loudness.has_value());
  CHECK(*loudness <= soundscape.loudness_target_lufs + audio::kOneShotMarginDb + 0.3);
}

TEST_CASE("source without files is rejected", "[audio][loudness]") {
  scene::Soundscape soundscape;
  scene::SoundSource source;
  source.name = "stream";
  soundscape.sources = {source};
  try {
    (void)audio::prepare_soundscape(soundscape);
    FAIL("prepare_soundscape accepted a source without files");
  } catch (const std::invalid_argument& error) {
    CHECK(std::string(error.what()) == "sound source \"stream\" has no files: give it at least one sound file");
  }
}
