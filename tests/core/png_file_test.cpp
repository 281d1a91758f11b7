#include "core/png_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace stillwater::core;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-test-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

Rgba8Image gradient(std::uint32_t width, std::uint32_t height) {
  Rgba8Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (std::uint32_t y = 0; y < height; ++y) {
    for (std::uint32_t x = 0; x < width; ++x) {
      const auto offset = image.offset(x, y);
      image.pixels[offset + 0] = static_cast<std::uint8_t>(x * 255 / (width - 1));
      image.pixels[offset + 1] = static_cast<std::uint8_t>(y * 255 / (height - 1));
      image.pixels[offset + 2] = 77;
      image.pixels[offset + 3] = 255;
    }
  }
  return image;
}

}  // namespace

TEST_CASE("write_png round trip keeps every byte", "[core][png]") {
  const fs::path folder = fresh_folder("png-round-trip");
  const Rgba8Image original = gradient(37, 19);
  write_png(folder / "gradient.png", original);

  const Rgba8Image read = read_image(folder / "gradient.png");
  CHECK(read.width == 37);
  CHECK(read.height == 19);
  CHECK(read.pixels == original.pixels);
  CHECK_FALSE(fs::exists(folder / "gradient.png.partial"));
}

TEST_CASE("write_png into a missing folder names it", "[core][png]") {
  const fs::path folder = fresh_folder("png-missing");
  const fs::path target = folder / "no-such-folder" / "sky.png";
  CHECK_THROWS_WITH(write_png(target, gradient(4, 4)), Catch::Contains(target.string()));
  CHECK_THROWS_AS(check_writable(target), FileError);
  CHECK_THROWS_WITH(check_writable(target), Catch::Contains("does not exist"));
}

TEST_CASE("check_writable rejects a folder as the file", "[core][png]") {
  const fs::path folder = fresh_folder("png-folder");
  CHECK_THROWS_WITH(check_writable(folder), Catch::Contains("is a folder"));
}

TEST_CASE("check_writable rejects a path below a file", "[core][png]") {
  const fs::path folder = fresh_folder("png-below-file");
  std::ofstream(folder / "plain.txt") << "not a folder";
  CHECK_THROWS_AS(check_writable(folder / "plain.txt" / "sky.png"), FileError);
}

TEST_CASE("check_writable leaves an existing picture alone", "[core][png]") {
  const fs::path folder = fresh_folder("png-existing");
  const Rgba8Image original = gradient(8, 8);
  write_png(folder / "sky.png", original);
  const auto size_before = fs::file_size(folder / "sky.png");

  CHECK_NOTHROW(check_writable(folder / "sky.png"));
  CHECK(fs::file_size(folder / "sky.png") == size_before);
  CHECK(read_image(folder / "sky.png").pixels == original.pixels);
  CHECK_FALSE(fs::exists(folder / "sky.png.partial"));
}

TEST_CASE("write_png rejects an inconsistent image", "[core][png]") {
  const fs::path folder = fresh_folder("png-inconsistent");
  Rgba8Image broken = gradient(4, 4);
  broken.pixels.resize(10);
  CHECK_THROWS_AS(write_png(folder / "broken.png", broken), FileError);
  CHECK_FALSE(fs::exists(folder / "broken.png"));
}

TEST_CASE("read_image names a file that is not an image", "[core][png]") {
  const fs::path folder = fresh_folder("png-not-image");
  std::ofstream(folder / "fake.png") << "this is text";
  CHECK_THROWS_WITH(read_image(folder / "fake.png"), Catch::Contains("fake.png"));
}
