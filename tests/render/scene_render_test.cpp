#include "core/png_file.hpp"
#include "render/offscreen_renderer.hpp"
#include "render/texture.hpp"
#include "scene/scene_file.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <filesystem>
#include <string>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;
namespace fs = std::filesystem;

namespace {

constexpr VkExtent2D kSmall{160, 90};

render::View level_view(VkExtent2D extent, float yaw_deg = 0.0F) {
  render::View view;
  view.fov = render::symmetric_fov(glm::radians(60.0F),
                                   static_cast<float>(extent.width) / static_cast<float>(extent.height));
  view.orientation = glm::angleAxis(glm::radians(-yaw_deg), glm::vec3(0.0F, 1.0F, 0.0F));
  return view;
}

scene::Scene shipped(const std::string& name) {
  return scene::load_scene(fs::path(STILLWATER_SOURCE_DIR) / "scenes" / (name + ".toml"));
}

// Mean sRGB value of each channel over rows [top, bottom).
glm::dvec3 mean_colour(const core::Rgba8Image& image, std::uint32_t top, std::uint32_t bottom) {
  glm::dvec3 sum(0.0);
  for (std::uint32_t y = top; y < bottom; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto offset = image.offset(x, y);
      sum += glm::dvec3(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]);
    }
  }
  return sum / static_cast<double>((bottom - top) * image.width);
}

double spread(const core::Rgba8Image& image) {
  const glm::dvec3 mean = mean_colour(image, 0, image.height);
  double sum = 0.0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto offset = image.offset(x, y);
      const glm::dvec3 c(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]);
      const glm::dvec3 d = c - mean;
      sum += glm::dot(d, d);
    }
  }
  return std::sqrt(sum / static_cast<double>(image.width * image.height));
}

// Every scene file in the project's scenes folder, by name, so a new one is
// tested without being listed here.
std::vector<std::string> shipped_scene_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(STILLWATER_SOURCE_DIR) / "scenes")) {
    if (entry.path().extension() == ".toml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Largest and mean absolute difference of any RGB channel between two
// pictures of one size.
struct Difference {
  int max = 0;
  glm::dvec3 mean{0.0};
};

Difference difference(const core::Rgba8Image& a, const core::Rgba8Image& b) {
  Difference result;
  for (std::uint32_t y = 0; y < a.height; ++y) {
    for (std::uint32_t x = 0; x < a.width; ++x) {
      const auto offset = a.offset(x, y);
      for (std::size_t channel = 0; channel < 3; ++channel) {
        const int d =
            std::abs(static_cast<int>(a.pixels[offset + channel]) - static_cast<int>(b.pixels[offset + channel]));
        result.max = std::max(result.max, d);
        result.mean[static_cast<int>(channel)] += d;
      }
    }
  }
  result.mean /= static_cast<double>(a.width) * a.height;
  return result;
}

// Writes "<name>.gltf" and "<name>.bin" in `folder`: a red square facing +z
// from (left, bottom) to (right, top), in metres.
void write_red_square(const fs::path& folder, const std::string& name, float left, float right, float bottom,
                      float top) {
  const std::vector<float> positions{left, bottom, 0.0F, right, bottom, 0.0F, right, top, 0.0F, left, top, 0.0F};
  const std::vector<std::uint16_t> indices{0, 1, 2, 0, 2, 3};
  std::vector<unsigned char> bytes(positions.size() * 4 + indices.size() * 2);
  std::memcpy(bytes.data(), positions.data(), positions.size() * 4);
  std::memcpy(bytes.data() + positions.size() * 4, indices.data(), indices.size() * 2);
  std::ofstream(folder / (name + ".bin"), std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  std::ofstream(folder / (name + ".gltf")) << R"({
  "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
  "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]}],
  "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [0.8, 0.03, 0.03, 1]}}],
  "buffers": [{"uri": ")" << name << R"(.bin", "byteLength": 60}],
  "bufferViews": [{"buffer": 0, "byteLength": 48}, {"buffer": 0, "byteOffset": 48, "byteLength": 12}],
  "accessors": [{"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3"},
                {"bufferView": 1, "componentType": 5123, "count": 6, "type": "SCALAR"}]})";
}

std::array<int, 3> pixel_at(const core::Rgba8Image& image, std::uint32_t x, std::uint32_t y) {
  const auto offset = image.offset(x, y);
  return {image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]};
}

bool is_model_red(const std::array<int, 3>& pixel) { return pixel[0] > 100 && pixel[1] < 60 && pixel[2] < 60; }

}  // namespace

TEST_CASE("shipped scenes render at every motion level", "[render][scene]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  const std::vector<std::string> names = shipped_scene_names();
  // The five places and the generated photo scene at least.
  CHECK(names.size() >= 6);
  for (const std::string& name : names) {
    renderer.set_scene(shipped(name));
    for (const auto motion : {core::MotionLevel::still, core::MotionLevel::gentle, core::MotionLevel::lively}) {
      INFO("scene " << name << ", motion " << core::to_string(motion));
      render::FrameState frame;
      frame.scene.motion = motion;
      frame.scene.time_s = 12.0F;
      const core::Rgba8Image image = renderer.render(level_view(kSmall), frame);
      // A real picture: neither blank nor noise-free flat colour.
      CHECK(spread(image) > 8.0);
      const glm::dvec3 mean = mean_colour(image, 0, image.height);
      CHECK(mean.x + mean.y + mean.z > 20.0);
      CHECK(mean.x + mean.y + mean.z < 3.0 * 235.0);
    }
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("motion still freezes every frame", "[render][scene]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  // Clouds, waves and trees all appear in these two.
  for (const char* name : {"forest-glade", "beach"}) {
    INFO("scene " << name);
    renderer.set_scene(shipped(name));
    render::FrameState frame;
    frame.scene.motion = core::MotionLevel::still;
    frame.scene.time_s = 0.0F;
    const core::Rgba8Image first = renderer.render(level_view(kSmall), frame);
    frame.scene.time_s = 47.5F;
    const core::Rgba8Image later = renderer.render(level_view(kSmall), frame);
    CHECK(first.pixels == later.pixels);

    // The same moments at the gentle level differ, so the check above can fail.
    frame.scene.motion = core::MotionLevel::gentle;
    const core::Rgba8Image moving = renderer.render(level_view(kSmall), frame);
    frame.scene.time_s = 0.0F;
    const core::Rgba8Image start = renderer.render(level_view(kSmall), frame);
    CHECK(moving.pixels != start.pixels);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("shipped scenes match reference images", "[render][scene]") {
  // Each shipped scene at motion still, looking level, against a small
  // picture under tests/render/references. After a deliberate change to the
  // look, run tools/update-references.sh, open the new pictures, and commit
  // them only if they look right.
  const fs::path references = fs::path(STILLWATER_SOURCE_DIR) / "tests" / "render" / "references";
  const char* update = std::getenv("STILLWATER_UPDATE_REFERENCES");
  const bool updating = update != nullptr && *update != '\0';
  const fs::path failures = fs::temp_directory_path() / "stillwater-reference-renders";
  fs::create_directories(failures);

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{96, 54};
  render::OffscreenRenderer renderer(context, extent);
  render::FrameState frame;
  frame.scene.motion = core::MotionLevel::still;
  for (const std::string& name : shipped_scene_names()) {
    INFO("scene " << name);
    renderer.set_scene(shipped(name));
    const core::Rgba8Image image = renderer.render(level_view(extent), frame);
    const fs::path reference = references / (name + ".png");
    if (updating) {
      core::write_png(reference, image);
      WARN("wrote " << reference.string());
      continue;
    }
    INFO("reference image " << reference.string() << "; when missing, run tools/update-references.sh and look at it");
    REQUIRE(fs::exists(reference));
    const core::Rgba8Image expected = core::read_image(reference);
    REQUIRE(expected.width == image.width);
    REQUIRE(expected.height == image.height);

    const Difference found = difference(image, expected);
    const fs::path actual = failures / (name + ".png");
    core::write_png(actual, image);
    INFO("render written to " << actual.string() << "; max difference " << found.max << ", mean " << found.mean.x
                              << ", " << found.mean.y << ", " << found.mean.z);
    // Rounding differences can move a few edge pixels a long way, so the
    // maximum is loose. The mean catches a change across the picture.
    CHECK(found.max <= 48);
    for (int channel = 0; channel < 3; ++channel) {
      CHECK(found.mean[channel] <= 2.0);
    }
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("photo scene wraps around the viewer", "[render][scene][photo]") {
  const fs::path folder = fs::temp_directory_path() / "stillwater-photo-render";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // Green in the middle quarter of the photo (straight ahead), red elsewhere.
  const int width = 64;
  const int height = 32;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3));
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const bool ahead = x >= 24 && x < 40;
      const auto offset = static_cast<std::size_t>((y * width + x) * 3);
      pixels[offset] = ahead ? 0 : 200;
      pixels[offset + 1] = ahead ? 180 : 0;
      pixels[offset + 2] = 0;
    }
  }
  const fs::path file = folder / "photo.png";
  REQUIRE(stbi_write_png(file.c_str(), width, height, 3, pixels.data(), width * 3) != 0);

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{32, 32};
  render::OffscreenRenderer renderer(context, extent);
  renderer.set_scene(scene::photo_scene(file));
  const auto centre = [&](const core::Rgba8Image& image) {
    const auto offset = image.offset(16, 16);
    return glm::ivec3(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]);
  };
  const glm::ivec3 ahead = centre(renderer.render(level_view(extent), {}));
  CHECK(std::abs(ahead.y - 180) <= 2);
  CHECK(ahead.x <= 2);
  const glm::ivec3 right = centre(renderer.render(level_view(extent, 90.0F), {}));
  CHECK(std::abs(right.x - 200) <= 2);
  CHECK(right.y <= 2);
  require_no_new_validation_messages(before);
}

TEST_CASE("oversized images are scaled down", "[render][texture]") {
  core::Rgba8Image image;
  image.width = 8;
  image.height = 4;
  image.pixels.resize(8 * 4 * 4);
  for (std::uint32_t y = 0; y < 4; ++y) {
    for (std::uint32_t x = 0; x < 8; ++x) {
      const auto offset = image.offset(x, y);
      image.pixels[offset] = static_cast<std::uint8_t>(x % 2 == 0 ? 100 : 200);
      image.pixels[offset + 1] = static_cast<std::uint8_t>(y * 10);
      image.pixels[offset + 2] = 7;
      image.pixels[offset + 3] = 255;
    }
  }
  const core::Rgba8Image small = render::fit_within(image, 4);
  REQUIRE(small.width == 4);
  REQUIRE(small.height == 2);
  // Each new pixel averages a 2x2 block.
  CHECK(small.pixels[small.offset(0, 0)] == 150);
  CHECK(small.pixels[small.offset(0, 0) + 1] == 5);
  CHECK(small.pixels[small.offset(3, 1) + 1] == 25);
  CHECK(small.pixels[small.offset(3, 1) + 2] == 7);
  CHECK(render::fit_within(image, 8).pixels == image.pixels);
}

TEST_CASE("image channel layouts read correctly", "[render][texture]") {
  const fs::path folder = fs::temp_directory_path() / "stillwater-image-layouts";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // One pixel each of grey, grey+alpha, RGB and RGBA.
  struct Layout {
    int channels;
    std::vector<unsigned char> pixel;
    std::array<int, 4> expected;
  };
  const std::vector<Layout> layouts{{1, {90}, {90, 90, 90, 255}},
                                    {2, {90, 128}, {90, 90, 90, 128}},
                                    {3, {10, 120, 230}, {10, 120, 230, 255}},
                                    {4, {10, 120, 230, 64}, {10, 120, 230, 64}}};
  for (const Layout& layout : layouts) {
    INFO("channels: " << layout.channels);
    const fs::path png = folder / ("c" + std::to_string(layout.channels) + ".png");
    REQUIRE(stbi_write_png(png.c_str(), 1, 1, layout.channels, layout.pixel.data(), layout.channels) != 0);
    const core::Rgba8Image image = core::read_image(png);
    for (std::size_t channel = 0; channel < 4; ++channel) {
      CHECK(static_cast<int>(image.pixels[channel]) == layout.expected[channel]);
    }
    if (layout.channels == 1 || layout.channels == 3) {
      // JPEG is lossy: only close colours are expected.
      const fs::path jpeg = folder / ("c" + std::to_string(layout.channels) + ".jpg");
      REQUIRE(stbi_write_jpg(jpeg.c_str(), 1, 1, layout.channels, layout.pixel.data(), 100) != 0);
      const core::Rgba8Image decoded = core::read_image(jpeg);
      for (std::size_t channel = 0; channel < 3; ++channel) {
        CHECK(std::abs(static_cast<int>(decoded.pixels[channel]) - layout.expected[channel]) <= 4);
      }
      CHECK(static_cast<int>(decoded.pixels[3]) == 255);
    }
  }
}

TEST_CASE("placed model draws in front", "[render][scene][gltf]") {
  const fs::path folder = fs::temp_directory_path() / "stillwater-model-render";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // A 2 m red square standing 3 m ahead, facing the viewer.
  std::vector<float> positions{-1.0F, 0.0F, 0.0F, 1.0F, 0.0F, 0.0F, 1.0F, 2.0F, 0.0F, -1.0F, 2.0F, 0.0F};
  std::vector<std::uint16_t> indices{0, 1, 2, 0, 2, 3};
  std::vector<unsigned char> bytes(positions.size() * 4 + indices.size() * 2);
  std::memcpy(bytes.data(), positions.data(), positions.size() * 4);
  std::memcpy(bytes.data() + positions.size() * 4, indices.data(), indices.size() * 2);
  std::ofstream(folder / "square.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  std::ofstream(folder / "square.gltf") << R"({
  "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
  "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]}],
  "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [0.8, 0.03, 0.03, 1]}}],
  "buffers": [{"uri": "square.bin", "byteLength": 60}],
  "bufferViews": [{"buffer": 0, "byteLength": 48}, {"buffer": 0, "byteOffset": 48, "byteLength": 12}],
  "accessors": [{"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3"},
                {"bufferView": 1, "componentType": 5123, "count": 6, "type": "SCALAR"}]})";
  std::ofstream(folder / "scene.toml") << "name = \"Square\"\ndescription = \"A red square.\"\n"
                                       << "[terrain]\nhill_height_m = 0\n"
                                       << "[[model]]\nfile = \"square.gltf\"\nposition_m = [0, 0, -3]\n";

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  renderer.set_scene(scene::load_scene(folder / "scene.toml"));
  const core::Rgba8Image image = renderer.render(level_view(kSmall), {});
  const auto offset = image.offset(kSmall.width / 2, kSmall.height / 2);
  INFO("centre: " << int(image.pixels[offset]) << ", " << int(image.pixels[offset + 1]) << ", "
                  << int(image.pixels[offset + 2]));
  CHECK(image.pixels[offset] > 100);
  CHECK(image.pixels[offset + 1] < 60);
  CHECK(image.pixels[offset + 2] < 60);
  // The edge of the view is beyond the square and shows the scene.
  const auto corner = image.offset(2, 2);
  CHECK(image.pixels[corner + 2] > image.pixels[corner]);
  require_no_new_validation_messages(before);
}

TEST_CASE("placed model hides below ground", "[render][scene][gltf]") {
  const fs::path folder = fs::temp_directory_path() / "stillwater-model-ground";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // A red square 6 m ahead reaching from 3 m underground to 2 m above it;
  // the eye is 1.2 m up, so the ground line on it lies about 16 rows below
  // the horizon (row 45).
  write_red_square(folder, "square", -1.0F, 1.0F, -3.0F, 2.0F);
  std::ofstream(folder / "scene.toml") << "name = \"Sunk square\"\ndescription = \"A red square in the ground.\"\n"
                                       << "[terrain]\nhill_height_m = 0\n"
                                       << "[[model]]\nfile = \"square.gltf\"\nposition_m = [0, 0, -6]\n";

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  renderer.set_scene(scene::load_scene(folder / "scene.toml"));
  const core::Rgba8Image image = renderer.render(level_view(kSmall), {});

  const std::uint32_t centre = kSmall.width / 2;
  const auto above_ground = pixel_at(image, centre, 48);
  const auto below_ground = pixel_at(image, centre, 78);
  const auto ground_beside = pixel_at(image, 8, 78);
  INFO("above ground: " << above_ground[0] << ", " << above_ground[1] << ", " << above_ground[2]);
  INFO("below ground: " << below_ground[0] << ", " << below_ground[1] << ", " << below_ground[2]);
  INFO("ground beside: " << ground_beside[0] << ", " << ground_beside[1] << ", " << ground_beside[2]);
  CHECK(is_model_red(above_ground));
  CHECK_FALSE(is_model_red(below_ground));
  for (std::size_t channel = 0; channel < 3; ++channel) {
    CHECK(std::abs(below_ground[channel] - ground_beside[channel]) < 25);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("placed model is cut at the water line", "[render][scene][gltf]") {
  const fs::path folder = fs::temp_directory_path() / "stillwater-model-water";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // A red square 4 m ahead, half under still water 0.5 m below the ground:
  // the water line on it lies about 33 rows below the horizon.
  write_red_square(folder, "square", -1.5F, 1.5F, -1.5F, 1.5F);
  std::ofstream(folder / "scene.toml") << "name = \"Wading square\"\ndescription = \"A red square in water.\"\n"
                                       << "[water]\nlevel_m = -0.5\nwave_height_m = 0\n"
                                       << "[[model]]\nfile = \"square.gltf\"\nposition_m = [0, -0.5, -4]\n";

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  renderer.set_scene(scene::load_scene(folder / "scene.toml"));
  const core::Rgba8Image image = renderer.render(level_view(kSmall), {});

  const std::uint32_t centre = kSmall.width / 2;
  const auto above_water = pixel_at(image, centre, 60);
  const auto under_water = pixel_at(image, centre, 86);
  const auto water_beside = pixel_at(image, 8, 86);
  INFO("above water: " << above_water[0] << ", " << above_water[1] << ", " << above_water[2]);
  INFO("under water: " << under_water[0] << ", " << under_water[1] << ", " << under_water[2]);
  INFO("water beside: " << water_beside[0] << ", " << water_beside[1] << ", " << water_beside[2]);
  CHECK(is_model_red(above_water));
  CHECK_FALSE(is_model_red(under_water));
  for (std::size_t channel = 0; channel < 3; ++channel) {
    CHECK(std::abs(under_water[channel] - water_beside[channel]) < 25);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("standing model darkens the ground beneath", "[render][scene][gltf]") {
  // A red square 3 m ahead, turned edge-on to the viewer. One version stands
  // on the ground; the other starts 0.7 m up, so it floats and casts no
  // contact shadow. The ground along the square's foot shows the difference.
  const fs::path folder = fs::temp_directory_path() / "stillwater-model-contact";
  fs::remove_all(folder);
  fs::create_directories(folder);
  write_red_square(folder, "standing", -0.5F, 0.5F, 0.0F, 1.0F);
  write_red_square(folder, "floating", -0.5F, 0.5F, 0.7F, 1.7F);
  for (const char* name : {"standing", "floating"}) {
    std::ofstream(folder / (std::string(name) + ".toml"))
        << "name = \"Edge-on square\"\ndescription = \"A red square seen edge-on.\"\n"
        << "[terrain]\nhill_height_m = 0\n[vegetation]\ngrass_density = 0\n"
        << "[[model]]\nfile = \"" << name << ".gltf\"\nposition_m = [0, 0, -3]\nyaw_deg = 90\n";
  }

  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSmall);
  render::View view = level_view(kSmall);
  // Looking down at the square's foot, 3 m ahead with the eye 1.2 m up.
  view.orientation = glm::angleAxis(std::atan2(-1.2F, 3.0F), glm::vec3(1.0F, 0.0F, 0.0F));

  renderer.set_scene(scene::load_scene(folder / "standing.toml"));
  const core::Rgba8Image standing = renderer.render(view, {});
  renderer.set_scene(scene::load_scene(folder / "floating.toml"));
  const core::Rgba8Image floating = renderer.render(view, {});

  // The middle of the view is the ground along the square's foot, which is
  // edge-on and so hidden; 2 pixels aside is about 0.1 m from it. The far
  // side of the view is well away from both squares.
  const std::uint32_t row = kSmall.height / 2;
  const auto under_standing = pixel_at(standing, kSmall.width / 2, row);
  const auto under_floating = pixel_at(floating, kSmall.width / 2, row);
  const auto beside_standing = pixel_at(standing, kSmall.width / 2 + 2, row);
  const auto beside_floating = pixel_at(floating, kSmall.width / 2 + 2, row);
  const auto far_standing = pixel_at(standing, kSmall.width - 4, row);
  const auto far_floating = pixel_at(floating, kSmall.width - 4, row);
  INFO("under, standing: " << under_standing[0] << ", " << under_standing[1] << ", " << under_standing[2]);
  INFO("under, floating: " << under_floating[0] << ", " << under_floating[1] << ", " << under_floating[2]);
  INFO("beside, standing: " << beside_standing[0] << ", " << beside_standing[1] << ", " << beside_standing[2]);
  INFO("beside, floating: " << beside_floating[0] << ", " << beside_floating[1] << ", " << beside_floating[2]);
  CHECK_FALSE(is_model_red(under_standing));
  CHECK_FALSE(is_model_red(under_floating));
  CHECK(under_standing[1] < 0.85 * under_floating[1]);
  CHECK(beside_standing[1] < 0.9 * beside_floating[1]);
  CHECK(far_standing == far_floating);
  require_no_new_validation_messages(before);
}
