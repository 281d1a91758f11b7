#include "audio/sound_file.hpp"

#include "audio_test_support.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLoops{"sea_waves", "wind_leaves", "stream", "summer_garden", "night_crickets"};
const std::vector<std::string> kOneShots{"bird_1", "bird_2", "bird_3"};

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

test::ProcessResult generate(const fs::path& folder, const std::string& seconds) {
  return test::run_process({STILLWATER_SOUNDGEN, folder.string(), "--seconds", seconds});
}

}  // namespace

TEST_CASE("soundgen output is deterministic", "[audio][soundgen]") {
  const fs::path first = test::fresh_audio_folder("soundgen-first");
  const fs::path second = test::fresh_audio_folder("soundgen-second");
  REQUIRE(generate(first, "6").exit_status == 0);
  REQUIRE(generate(second, "6").exit_status == 0);

  for (const auto& names : {kLoops, kOneShots}) {
    for (const auto& name : names) {
      INFO(name);
      const std::string bytes = read_bytes(first / (name + ".flac"));
      CHECK(bytes.size() > 1000);
      CHECK(bytes == read_bytes(second / (name + ".flac")));
    }
  }
}

TEST_CASE("generated loops wrap without a step", "[audio][soundgen]") {
  const fs::path folder = test::fresh_audio_folder("soundgen-loops");
  REQUIRE(generate(folder, "6").exit_status == 0);

  for (const auto& name : kLoops) {
    INFO(name);
    const audio::Pcm pcm = audio::decode_file(folder / (name + ".flac"), audio::ChannelTarget::stereo);
    CHECK(pcm.frames() == static_cast<std::size_t>(6 * test::kRate));

    // The wrap from the last frame to the first is no larger than the
    // largest step inside the sound.
    std::vector<float> wrapped(pcm.samples.end() - 2, pcm.samples.end());
    wrapped.insert(wrapped.end(), pcm.samples.begin(), pcm.samples.begin() + 2);
    CHECK(test::max_step(wrapped) <= test::max_step(pcm.samples));
    CHECK(test::channel_rms(pcm.samples, 2, 0) > 0.01);
  }
}

TEST_CASE("birdsong ends in silence", "[audio][soundgen]") {
  const fs::path folder = test::fresh_audio_folder("soundgen-birds");
  REQUIRE(generate(folder, "6").exit_status == 0);

  for (const auto& name : kOneShots) {
    INFO(name);
    const audio::Pcm pcm = audio::decode_file(folder / (name + ".flac"), audio::ChannelTarget::mono);
    CHECK(pcm.frames() > static_cast<std::size_t>(test::kRate / 2));
    CHECK(std::abs(pcm.samples.front()) < 1e-3F);
    CHECK(std::abs(pcm.samples.back()) < 1e-3F);
    CHECK(test::channel_rms(pcm.samples, 1, 0) > 0.01);
  }
}

TEST_CASE("soundgen rejects a short loop", "[audio][soundgen]") {
  const auto result = generate(test::fresh_audio_folder("soundgen-short"), "2");
  CHECK(result.exit_status == 1);
  CHECK(result.standard_error == "soundgen: --seconds: invalid value 2: use 4 to 600\n");
}
