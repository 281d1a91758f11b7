#include "core/png_file.hpp"
#include "scene/model_data.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-assetgen-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

test::ProcessResult generate(const fs::path& folder, const std::string& seed) {
  return test::run_process({STILLWATER_ASSETGEN, folder.string(), "--seed", seed, "--panorama-width", "256"});
}

// Sum of absolute RGB differences between columns a and b of `image`.
long column_difference(const core::Rgba8Image& image, std::uint32_t a, std::uint32_t b) {
  long sum = 0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::size_t channel = 0; channel < 3; ++channel) {
      sum += std::abs(static_cast<int>(image.pixels[image.offset(a, y) + channel]) -
                      static_cast<int>(image.pixels[image.offset(b, y) + channel]));
    }
  }
  return sum;
}

}  // namespace

TEST_CASE("assetgen output is deterministic", "[scene][assetgen]") {
  const fs::path first = fresh_folder("first");
  const fs::path second = fresh_folder("second");
  const fs::path other = fresh_folder("other-seed");
  REQUIRE(generate(first, "7").exit_status == 0);
  REQUIRE(generate(second, "7").exit_status == 0);
  REQUIRE(generate(other, "8").exit_status == 0);

  for (const char* name : {"bench.glb", "hills_panorama.jpg"}) {
    INFO(name);
    const std::string bytes = read_bytes(first / name);
    CHECK(bytes.size() > 1000);
    CHECK(bytes == read_bytes(second / name));
    // The seed matters, so the comparison above can fail.
    CHECK(bytes != read_bytes(other / name));
  }
}

TEST_CASE("generated bench stands on the ground", "[scene][assetgen][gltf]") {
  const fs::path folder = fresh_folder("bench");
  REQUIRE(generate(folder, "1").exit_status == 0);
  const scene::ModelData bench = scene::load_model(folder / "bench.glb");

  REQUIRE(bench.primitives.size() == 1);
  REQUIRE(bench.materials.size() == 1);
  CHECK(bench.materials[0].base_colour_image >= 0);
  CHECK(bench.materials[0].normal_image >= 0);
  REQUIRE(bench.images.size() == 2);
  CHECK(bench.images[0].width == 256);

  glm::vec3 low(1e9F);
  glm::vec3 high(-1e9F);
  for (const scene::MeshVertex& vertex : bench.primitives[0].vertices) {
    low = glm::min(low, vertex.position);
    high = glm::max(high, vertex.position);
  }
  // Feet exactly on y = 0, seat-and-back height and bench length in metres.
  CHECK(low.y == Approx(0.0F).margin(1e-6F));
  CHECK(high.y == Approx(0.86F).margin(0.01F));
  CHECK(high.x - low.x == Approx(1.6F).margin(0.01F));
}

TEST_CASE("generated panorama wraps without a seam", "[scene][assetgen][photo]") {
  const fs::path folder = fresh_folder("panorama");
  REQUIRE(generate(folder, "1").exit_status == 0);
  const core::Rgba8Image panorama = core::read_image(folder / "hills_panorama.jpg");
  REQUIRE(panorama.width == 256);
  REQUIRE(panorama.height == 128);

  // The step from the last column round to the first is no larger than the
  // largest step between neighbouring columns inside the picture.
  long largest = 0;
  for (std::uint32_t x = 0; x + 1 < panorama.width; ++x) {
    largest = std::max(largest, column_difference(panorama, x, x + 1));
  }
  const long wrap = column_difference(panorama, panorama.width - 1, 0);
  INFO("wrap " << wrap << ", largest inside " << largest);
  CHECK(wrap <= largest);

  // Sky above is brighter than the meadow below.
  const auto brightness = [&](std::uint32_t y) {
    long sum = 0;
    for (std::uint32_t x = 0; x < panorama.width; ++x) {
      const auto offset = panorama.offset(x, y);
      sum += panorama.pixels[offset] + panorama.pixels[offset + 1] + panorama.pixels[offset + 2];
    }
    return sum / static_cast<long>(panorama.width);
  };
  CHECK(brightness(panorama.height / 4) > brightness(panorama.height * 3 / 4));
}

TEST_CASE("assetgen rejects bad options", "[scene][assetgen]") {
  const fs::path folder = fresh_folder("options");
  struct Case {
    std::vector<std::string> arguments;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--panorama-width", "15"},
       "assetgen: --panorama-width: invalid value 15: use an even number from 16 to 8192\n"},
      {{"--panorama-width", "wide"}, "assetgen: --panorama-width: invalid value \"wide\"\n"},
      {{"--seed"}, "assetgen: option \"--seed\" needs a value\n"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> arguments{STILLWATER_ASSETGEN, folder.string()};
    arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
    const test::ProcessResult result = test::run_process(arguments);
    INFO(c.arguments.front());
    CHECK(result.exit_status == 1);
    CHECK(result.standard_error.rfind(c.message, 0) == 0);
  }
}
