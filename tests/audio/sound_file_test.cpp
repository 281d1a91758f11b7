#include "audio/sound_file.hpp"

#include "audio_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/std.h>
#include <sndfile.h>

#include <fstream>
#include <string>

using namespace stillwater;
using audio::ChannelTarget;
using audio::decode_file;
using audio::SoundFileError;
namespace fs = std::filesystem;

namespace {

std::string decode_error(const fs::path& path, ChannelTarget target = ChannelTarget::mono) {
  try {
    (void)decode_file(path, target);
  } catch (const SoundFileError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("formats decode to the same RMS", "[audio][decode]") {
  const fs::path folder = test::fresh_audio_folder("formats");
  const auto tone = test::sine(440.0, 0.5F, 1.0, {true});
  const double expected = 0.5 / std::sqrt(2.0);

  struct Case {
    const char* name;
    int format;
    double tolerance;
  };
  const Case cases[] = {
      {"pcm16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0.005},
      {"pcm24.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 0.005},
      {"pcm24-extensible.wav", SF_FORMAT_WAVEX | SF_FORMAT_PCM_24, 0.005},
      {"float-extensible.wav", SF_FORMAT_WAVEX | SF_FORMAT_FLOAT, 0.005},
      {"float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0.005},
      {"tone.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0.005},
      {"tone.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0.03},
  };
  for (const auto& format : cases) {
    INFO(format.name);
    const fs::path path = folder / format.name;
    test::write_sound(path, format.format, tone, 1);

    const audio::Pcm pcm = decode_file(path, ChannelTarget::mono);
    CHECK(pcm.channels == 1);
    CHECK(pcm.sample_rate == test::kRate);
    CHECK(pcm.frames() == Approx(48000).margin(1100));
    CHECK(test::channel_rms(pcm.samples, 1, 0) == Approx(expected).epsilon(format.tolerance));
  }
}

TEST_CASE("mono decodes to both stereo channels", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("mono-to-stereo") / "mono.wav";
  test::write_sound(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(300.0, 0.5F, 0.5, {true}), 1);

  const audio::Pcm pcm = decode_file(path, ChannelTarget::stereo);
  REQUIRE(pcm.channels == 2);
  CHECK(test::channel_rms(pcm.samples, 2, 0) == Approx(test::channel_rms(pcm.samples, 2, 1)));
  CHECK(test::channel_rms(pcm.samples, 2, 0) > 0.3);
}

TEST_CASE("5.1 Ogg surrounds are downmixed", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("surround") / "surround.ogg";
  // Vorbis order: L, C, R, Ls, Rs, LFE. Only the left surround sounds.
  test::write_sound(path, SF_FORMAT_OGG | SF_FORMAT_VORBIS,
                    test::sine(300.0, 0.5F, 1.0, {false, false, false, true, false, false}), 6);

  const audio::Pcm pcm = decode_file(path, ChannelTarget::stereo);
  REQUIRE(pcm.channels == 2);
  const double left = test::channel_rms(pcm.samples, 2, 0);
  const double right = test::channel_rms(pcm.samples, 2, 1);
  CHECK(left == Approx(0.5 / std::sqrt(2.0) * 0.7071).epsilon(0.05));
  CHECK(right < left * 0.01);
}

TEST_CASE("5.1 WAV centre reaches both sides", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("surround-wav") / "centre.wav";
  test::write_sound(path, SF_FORMAT_WAVEX | SF_FORMAT_PCM_16,
                    test::sine(300.0, 0.5F, 0.5, {false, false, true, false, false, false}), 6);

  const audio::Pcm pcm = decode_file(path, ChannelTarget::stereo);
  CHECK(test::channel_rms(pcm.samples, 2, 0) == Approx(0.25).epsilon(0.02));
  CHECK(test::channel_rms(pcm.samples, 2, 1) == Approx(0.25).epsilon(0.02));
}

TEST_CASE("missing file is reported", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("missing") / "missing.wav";
  CHECK(decode_error(path) ==
        fmt::format("sound file {} could not be opened: System error : No such file or directory. Use a WAV, "
                    "FLAC or Ogg Vorbis file.",
                    path));
}

TEST_CASE("text file is rejected", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("text") / "notes.wav";
  std::ofstream(path) << "These are notes, not sound.\n";
  CHECK(decode_error(path) ==
        fmt::format("sound file {} could not be opened: Format not recognised. Use a WAV, FLAC or Ogg Vorbis file.",
                    path));
}

TEST_CASE("truncated WAV header is rejected", "[audio][decode]") {
  const fs::path folder = test::fresh_audio_folder("truncated");
  const fs::path whole = folder / "whole.wav";
  test::write_sound(whole, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(300.0, 0.5F, 0.1, {true}), 1);
  const fs::path path = folder / "truncated.wav";
  fs::copy_file(whole, path);
  fs::resize_file(path, 20);
  CHECK(decode_error(path) == fmt::format("sound file {} could not be opened: Error in WAV/W64/RF64 file. Malformed "
                                          "'fmt ' chunk. Use a WAV, FLAC or Ogg Vorbis file.",
                                          path));
}

TEST_CASE("ADPCM WAV names its subformat", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("adpcm") / "adpcm.wav";
  test::write_sound(path, SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM, test::sine(300.0, 0.5F, 0.2, {true}), 1);
  CHECK(decode_error(path) ==
        fmt::format("sound file {} uses the unsupported subformat IMA ADPCM: convert it to 16-bit or 24-bit PCM, "
                    "32-bit float, FLAC or Ogg Vorbis",
                    path));
}

TEST_CASE("AIFF container is rejected", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("aiff") / "tone.aiff";
  test::write_sound(path, SF_FORMAT_AIFF | SF_FORMAT_PCM_16, test::sine(300.0, 0.5F, 0.2, {true}), 1);
  CHECK(decode_error(path) ==
        fmt::format("sound file {} is a AIFF (Apple/SGI) file, which is not supported: convert it to WAV, FLAC or "
                    "Ogg Vorbis",
                    path));
}

TEST_CASE("nine channels are rejected", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("nine") / "nine.wav";
  test::write_sound(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::sine(300.0, 0.5F, 0.2, std::vector<bool>(9, true)),
                    9);
  CHECK(decode_error(path, ChannelTarget::stereo) ==
        fmt::format("sound file {} has 9 channels in a layout that cannot be downmixed to stereo: use mono, "
                    "stereo, quad, 5.0, 5.1, 6.1 or 7.1",
                    path));
}

TEST_CASE("empty WAV contains no audio", "[audio][decode]") {
  const fs::path path = test::fresh_audio_folder("empty") / "empty.wav";
  test::write_sound(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, {}, 1);
  CHECK(decode_error(path) == fmt::format("sound file {} contains no audio", path));
}
