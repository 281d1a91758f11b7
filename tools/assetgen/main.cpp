// Generates the scenes' pictures and models: a wooden bench as binary glTF
// and a painted 360-degree landscape as an equirectangular JPEG. Output
// depends only on the seed and the size, so two runs write identical files.

#include "bench_model.hpp"
#include "panorama.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <stb_image_write.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: stillwater_assetgen OUT_FOLDER [--seed SEED] [--panorama-width PIXELS]\n"
    "Writes bench.glb and hills_panorama.jpg into OUT_FOLDER; the panorama is PIXELS wide (default 2048, even)\n"
    "and half as high.\n";

template <typename Number>
Number parse_number(std::string_view option, std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    throw std::invalid_argument(fmt::format("{}: invalid value \"{}\"", option, text));
  }
  return value;
}

void write_jpeg(const fs::path& path, const stillwater::core::Rgba8Image& image) {
  // Quality 92 keeps the sky's gradients smooth at a fifth of a PNG's size.
  if (stbi_write_jpg(path.c_str(), static_cast<int>(image.width), static_cast<int>(image.height), 4,
                     image.pixels.data(), 92) == 0) {
    throw std::runtime_error(fmt::format("could not write {}", path));
  }
}

int run(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  const fs::path folder = argv[1];
  std::uint64_t seed = 20260101;
  std::uint32_t width = 2048;
  if (argc % 2 != 0) {
    throw std::invalid_argument(fmt::format("option \"{}\" needs a value\n{}", argv[argc - 1], kUsage));
  }
  for (int index = 2; index + 1 < argc; index += 2) {
    const std::string_view option = argv[index];
    if (option == "--seed") {
      seed = parse_number<std::uint64_t>(option, argv[index + 1]);
    } else if (option == "--panorama-width") {
      width = parse_number<std::uint32_t>(option, argv[index + 1]);
    } else {
      throw std::invalid_argument(fmt::format("unknown option \"{}\"\n{}", option, kUsage));
    }
  }
  if (width < 16 || width > 8192 || width % 2 != 0) {
    throw std::invalid_argument(
        fmt::format("--panorama-width: invalid value {}: use an even number from 16 to 8192", width));
  }

  fs::create_directories(folder);
  const fs::path bench = folder / "bench.glb";
  stillwater::assetgen::write_bench(bench, seed);
  fmt::print("assetgen: wrote {}\n", bench.filename());

  const fs::path panorama = folder / "hills_panorama.jpg";
  write_jpeg(panorama, stillwater::assetgen::paint_panorama(width, seed));
  fmt::print("assetgen: wrote {} ({}x{})\n", panorama.filename(), width, width / 2);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    fmt::print(stderr, "assetgen: {}\n", error.what());
    return 1;
  }
}
