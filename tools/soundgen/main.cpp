// Synthesises the ambient sounds of the shipped scenes as FLAC files:
// filtered noise under slow modulation, bubbles, chirps and buzzes, never
// plain test tones. Output depends only on the seed and the length, so two
// runs write identical files.

#include "sounds.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <sndfile.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;
using stillwater::audio::Pcm;

constexpr std::string_view kUsage =
    "usage: stillwater_soundgen OUT_FOLDER [--seconds LOOP_SECONDS] [--seed SEED]\n"
    "Writes the scenes' sounds into OUT_FOLDER as 48 kHz 16-bit FLAC; loops last LOOP_SECONDS (default 30).\n";

void write_flac(const fs::path& path, const Pcm& pcm) {
  SF_INFO info{};
  info.samplerate = pcm.sample_rate;
  info.channels = pcm.channels;
  info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;

  const auto closer = [](SNDFILE* file) { sf_close(file); };
  const std::unique_ptr<SNDFILE, decltype(closer)> file(sf_open(path.c_str(), SFM_WRITE, &info), closer);
  if (!file) {
    throw std::runtime_error(fmt::format("could not write {}: {}", path, sf_strerror(nullptr)));
  }
  const auto frames = static_cast<sf_count_t>(pcm.frames());
  if (sf_writef_float(file.get(), pcm.samples.data(), frames) != frames) {
    throw std::runtime_error(fmt::format("could not write {}: {}", path, sf_strerror(file.get())));
  }
}

template <typename Number>
Number parse_number(std::string_view option, std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    throw std::invalid_argument(fmt::format("{}: invalid value \"{}\"", option, text));
  }
  return value;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  const fs::path folder = argv[1];
  double seconds = 30.0;
  std::uint64_t seed = 20260101;
  for (int index = 2; index + 1 < argc; index += 2) {
    const std::string_view option = argv[index];
    if (option == "--seconds") {
      seconds = parse_number<double>(option, argv[index + 1]);
    } else if (option == "--seed") {
      seed = parse_number<std::uint64_t>(option, argv[index + 1]);
    } else {
      throw std::invalid_argument(fmt::format("unknown option \"{}\"\n{}", option, kUsage));
    }
  }
  if (argc % 2 != 0) {
    throw std::invalid_argument(fmt::format("option \"{}\" needs a value\n{}", argv[argc - 1], kUsage));
  }
  if (seconds < 4.0 || seconds > 600.0) {
    throw std::invalid_argument(fmt::format("--seconds: invalid value {}: use 4 to 600", seconds));
  }

  fs::create_directories(folder);
  std::uint64_t sound_seed = seed;
  for (const auto& recipe : stillwater::soundgen::sound_recipes()) {
    sound_seed = sound_seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const Pcm pcm = recipe.make(sound_seed, seconds);
    const fs::path path = folder / (recipe.name + ".flac");
    write_flac(path, pcm);
    fmt::print("soundgen: wrote {} ({:.1f} s, {} channel(s){})\n", path.filename(),
               static_cast<double>(pcm.frames()) / pcm.sample_rate, pcm.channels, recipe.loops ? ", loops" : "");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    fmt::print(stderr, "soundgen: {}\n", error.what());
    return 1;
  }
}
