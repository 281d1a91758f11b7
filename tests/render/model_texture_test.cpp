#include "core/image.hpp"
#include "render/offscreen_renderer.hpp"
#include "render/texture.hpp"
#include "scene/scene_file.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <glm/glm.hpp>
#include <stb_image_write.h>

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;
namespace fs = std::filesystem;

namespace {

constexpr VkExtent2D kExtent{64, 64};
// The default sitting eye height, where the test square is centred.
constexpr float kEyeHeightM = 1.2F;
constexpr float kDistanceM = 3.0F;

render::View level_view() {
  render::View view;
  view.fov = render::symmetric_fov(glm::radians(60.0F), 1.0F);
  return view;
}

// Pixel where a point of the square, `right_m` and `up_m` from its centre,
// lands in a 60-degree square view.
glm::uvec2 pixel_of(float right_m, float up_m) {
  const float half_height_m = kDistanceM * std::tan(glm::radians(30.0F));
  const float x = (0.5F + 0.5F * right_m / half_height_m) * static_cast<float>(kExtent.width);
  const float y = (0.5F - 0.5F * up_m / half_height_m) * static_cast<float>(kExtent.height);
  return {static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

glm::ivec3 colour_at(const core::Rgba8Image& image, glm::uvec2 pixel) {
  const auto offset = image.offset(pixel.x, pixel.y);
  return {image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]};
}

float srgb_to_linear(int value) {
  const float v = static_cast<float>(value) / 255.0F;
  return v <= 0.04045F ? v / 12.92F : std::pow((v + 0.055F) / 1.055F, 2.4F);
}

struct Material {
  glm::vec4 base_colour_factor{1.0F};
  // Image files beside the model, empty for none.
  std::string base_colour_image;
  std::string normal_image;
};

// Writes a 2 m square facing the viewer 3 m ahead at eye height, with
// texture coordinates (0, 0) at its top left, and a scene that shows it.
// Returns the scene file.
fs::path write_square_scene(const fs::path& folder, const Material& material) {
  const float bottom = kEyeHeightM - 1.0F;
  const float top = kEyeHeightM + 1.0F;
  const std::vector<float> positions{-1.0F, bottom, 0.0F, 1.0F, bottom, 0.0F, 1.0F, top, 0.0F, -1.0F, top, 0.0F};
  const std::vector<float> uvs{0.0F, 1.0F, 1.0F, 1.0F, 1.0F, 0.0F, 0.0F, 0.0F};
  const std::vector<std::uint16_t> indices{0, 1, 2, 0, 2, 3};
  std::vector<unsigned char> bytes(48 + 32 + 12);
  std::memcpy(bytes.data(), positions.data(), 48);
  std::memcpy(bytes.data() + 48, uvs.data(), 32);
  std::memcpy(bytes.data() + 80, indices.data(), 12);
  std::ofstream(folder / "square.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));

  std::vector<std::string> images;
  std::string textures;
  std::string pbr_texture;
  std::string normal_texture;
  if (!material.base_colour_image.empty()) {
    images.push_back(material.base_colour_image);
    pbr_texture = fmt::format(R"(, "baseColorTexture": {{"index": {}}})", images.size() - 1);
  }
  if (!material.normal_image.empty()) {
    images.push_back(material.normal_image);
    normal_texture = fmt::format(R"(, "normalTexture": {{"index": {}}})", images.size() - 1);
  }
  std::string image_list;
  std::string texture_list;
  for (std::size_t i = 0; i < images.size(); ++i) {
    image_list += fmt::format(R"({}{{"uri": "{}"}})", i == 0 ? "" : ", ", images[i]);
    texture_list += fmt::format(R"({}{{"source": {}}})", i == 0 ? "" : ", ", i);
  }
  const glm::vec4 f = material.base_colour_factor;
  std::ofstream(folder / "square.gltf") << fmt::format(
      R"({{
  "asset": {{"version": "2.0"}}, "scene": 0, "scenes": [{{"nodes": [0]}}], "nodes": [{{"mesh": 0}}],
  "meshes": [{{"primitives": [{{"attributes": {{"POSITION": 0, "TEXCOORD_0": 1}}, "indices": 2, "material": 0}}]}}],
  "materials": [{{"pbrMetallicRoughness": {{"baseColorFactor": [{}, {}, {}, {}]{}}}{}}}],
  "images": [{}], "textures": [{}],
  "buffers": [{{"uri": "square.bin", "byteLength": 92}}],
  "bufferViews": [{{"buffer": 0, "byteLength": 48}}, {{"buffer": 0, "byteOffset": 48, "byteLength": 32}},
                  {{"buffer": 0, "byteOffset": 80, "byteLength": 12}}],
  "accessors": [{{"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3"}},
                {{"bufferView": 1, "componentType": 5126, "count": 4, "type": "VEC2"}},
                {{"bufferView": 2, "componentType": 5123, "count": 6, "type": "SCALAR"}}]}})",
      f.x, f.y, f.z, f.w, pbr_texture, normal_texture, image_list, texture_list);

  const fs::path scene = folder / "scene.toml";
  std::ofstream(scene) << "name = \"Square\"\ndescription = \"A textured square.\"\n"
                       << "[terrain]\nhill_height_m = 0\n"
                       << fmt::format("[[model]]\nfile = \"square.gltf\"\nposition_m = [0, 0, {}]\n", -kDistanceM);
  return scene;
}

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

core::Rgba8Image render_scene(render::OffscreenRenderer& renderer, const fs::path& scene_file) {
  renderer.set_scene(scene::load_scene(scene_file));
  return renderer.render(level_view(), {});
}

// A 4x4 picture of one colour, `channels` bytes a pixel.
std::vector<unsigned char> flat_picture(const std::vector<unsigned char>& pixel) {
  std::vector<unsigned char> pixels;
  for (int i = 0; i < 16; ++i) {
    pixels.insert(pixels.end(), pixel.begin(), pixel.end());
  }
  return pixels;
}

}  // namespace

TEST_CASE("model base colour texture shows every image layout", "[render][gltf][texture]") {
  // The textured square must match an untextured one whose base colour
  // factor is the texture's colour, whatever the image's channel layout.
  struct Layout {
    const char* file;
    std::vector<unsigned char> pixel;
    // sRGB colour the layout stands for.
    glm::ivec3 colour;
    int tolerance;
  };
  const std::vector<Layout> layouts{
      {"grey.png", {150}, {150, 150, 150}, 3},
      {"grey-alpha.png", {150, 90}, {150, 150, 150}, 3},
      {"rgb.png", {200, 120, 40}, {200, 120, 40}, 3},
      {"rgba.png", {40, 110, 190, 200}, {40, 110, 190}, 3},
      // JPEG is lossy, and stores only grey or colour.
      {"grey.jpg", {150}, {150, 150, 150}, 6},
      {"rgb.jpg", {200, 120, 40}, {200, 120, 40}, 6},
  };
  const auto before = shared_context().validation_report().total();
  render::OffscreenRenderer renderer(shared_context(), kExtent);
  for (const Layout& layout : layouts) {
    INFO("image " << layout.file);
    const fs::path folder = fresh_folder("model-texture");
    const int channels = static_cast<int>(layout.pixel.size());
    const std::vector<unsigned char> pixels = flat_picture(layout.pixel);
    const fs::path image = folder / layout.file;
    if (image.extension() == ".png") {
      REQUIRE(stbi_write_png(image.c_str(), 4, 4, channels, pixels.data(), 4 * channels) != 0);
    } else {
      REQUIRE(stbi_write_jpg(image.c_str(), 4, 4, channels, pixels.data(), 100) != 0);
    }
    const glm::ivec3 textured = colour_at(
        render_scene(renderer, write_square_scene(folder, {glm::vec4(1.0F), layout.file, ""})), pixel_of(0.0F, 0.0F));

    const glm::vec4 factor(srgb_to_linear(layout.colour.x), srgb_to_linear(layout.colour.y),
                           srgb_to_linear(layout.colour.z), 1.0F);
    const glm::ivec3 plain =
        colour_at(render_scene(renderer, write_square_scene(folder, {factor, "", ""})), pixel_of(0.0F, 0.0F));
    INFO("textured " << textured.x << "," << textured.y << "," << textured.z << "; plain " << plain.x << "," << plain.y
                     << "," << plain.z);
    for (int channel = 0; channel < 3; ++channel) {
      CHECK(std::abs(textured[channel] - plain[channel]) <= layout.tolerance);
    }
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("model texture is not flipped or mirrored", "[render][gltf][texture]") {
  // Red, green / blue, white, as the picture file stores them top to bottom.
  const fs::path folder = fresh_folder("model-texture-orientation");
  const std::vector<unsigned char> pixels{220, 20, 20, 20, 220, 20, 20, 20, 220, 230, 230, 230};
  REQUIRE(stbi_write_png((folder / "quadrants.png").c_str(), 2, 2, 3, pixels.data(), 6) != 0);
  // The base colour factor and the texture multiply.
  const auto before = shared_context().validation_report().total();
  render::OffscreenRenderer renderer(shared_context(), kExtent);
  const core::Rgba8Image image =
      render_scene(renderer, write_square_scene(folder, {glm::vec4(1.0F, 1.0F, 0.5F, 1.0F), "quadrants.png", ""}));

  const glm::ivec3 top_left = colour_at(image, pixel_of(-0.5F, 0.5F));
  const glm::ivec3 top_right = colour_at(image, pixel_of(0.5F, 0.5F));
  const glm::ivec3 bottom_left = colour_at(image, pixel_of(-0.5F, -0.5F));
  const glm::ivec3 bottom_right = colour_at(image, pixel_of(0.5F, -0.5F));
  INFO("top left " << top_left.x << "," << top_left.y << "," << top_left.z);
  INFO("bottom left " << bottom_left.x << "," << bottom_left.y << "," << bottom_left.z);
  INFO("bottom right " << bottom_right.x << "," << bottom_right.y << "," << bottom_right.z);
  CHECK(top_left.x > 2 * top_left.y);
  CHECK(top_left.x > 2 * top_left.z);
  CHECK(top_right.y > 2 * top_right.x);
  CHECK(top_right.y > 2 * top_right.z);
  CHECK(bottom_left.z > 2 * bottom_left.x);
  CHECK(bottom_left.z > 2 * bottom_left.y);
  // White times the factor's half blue is yellowish.
  CHECK(bottom_right.x > 100);
  CHECK(bottom_right.z < bottom_right.x - 20);
  require_no_new_validation_messages(before);
}

TEST_CASE("model normal texture bends the lighting", "[render][gltf][texture]") {
  const fs::path folder = fresh_folder("model-normal-texture");
  // Tangent-space normals: unbent, tilted up the picture, tilted down it.
  const std::array<std::pair<const char*, std::vector<unsigned char>>, 3> maps{
      {{"flat.png", {128, 128, 255}}, {"up.png", {128, 230, 180}}, {"down.png", {128, 26, 180}}}};
  for (const auto& [file, pixel] : maps) {
    REQUIRE(stbi_write_png((folder / file).c_str(), 4, 4, 3, flat_picture(pixel).data(), 12) != 0);
  }
  const auto before = shared_context().validation_report().total();
  render::OffscreenRenderer renderer(shared_context(), kExtent);
  const glm::vec4 grey(0.5F, 0.5F, 0.5F, 1.0F);
  const auto shade = [&](const char* normal_image) {
    const glm::ivec3 colour =
        colour_at(render_scene(renderer, write_square_scene(folder, {grey, "", normal_image})), pixel_of(0.0F, 0.0F));
    return colour.x + colour.y + colour.z;
  };
  const int none = shade("");
  const int flat = shade("flat.png");
  const int up = shade("up.png");
  const int down = shade("down.png");
  INFO("none " << none << ", flat " << flat << ", up " << up << ", down " << down);
  CHECK(std::abs(flat - none) <= 6);
  // Up the picture is up the square: turned towards the midday sky, the
  // surface catches more light.
  CHECK(up > down + 20);
  require_no_new_validation_messages(before);
}

TEST_CASE("mip chain halves to one pixel", "[render][texture]") {
  core::Rgba8Image image;
  image.width = 4;
  image.height = 2;
  // Black and white columns: the average of two sRGB values 0 and 255 is
  // linear 0.5, which sRGB stores as 188, not 128.
  for (std::uint32_t y = 0; y < 2; ++y) {
    for (std::uint32_t x = 0; x < 4; ++x) {
      const std::uint8_t value = x % 2 == 0 ? 0 : 255;
      image.pixels.insert(image.pixels.end(), {value, value, value, value});
    }
  }
  const std::vector<core::Rgba8Image> srgb = render::mip_chain(image, true);
  REQUIRE(srgb.size() == 3);
  CHECK(srgb[1].width == 2);
  CHECK(srgb[1].height == 1);
  CHECK(srgb[2].width == 1);
  CHECK(srgb[2].height == 1);
  CHECK(static_cast<int>(srgb[1].pixels[0]) == 188);
  // Alpha is never sRGB.
  CHECK(static_cast<int>(srgb[1].pixels[3]) == 128);

  const std::vector<core::Rgba8Image> linear = render::mip_chain(image, false);
  CHECK(static_cast<int>(linear[1].pixels[0]) == 128);
  CHECK(static_cast<int>(linear[2].pixels[0]) == 128);
}

TEST_CASE("oversized texture uploads scaled down", "[render][texture]") {
  // One pixel wider than the device allows: the upload must scale it down
  // rather than fail or break a validation rule.
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const std::uint32_t limit = context.properties().limits.maxImageDimension2D;
  core::Rgba8Image image;
  image.width = limit + 1;
  image.height = 2;
  image.pixels.assign(static_cast<std::size_t>(image.width) * image.height * 4, 200);

  const render::GpuImage texture = render::upload_texture(context, image, "oversized test texture", {true, true});
  CHECK(texture.spec.extent.width == limit);
  CHECK(texture.spec.extent.height == 1);
  // A full chain from `limit` wide down to one pixel.
  CHECK(texture.spec.mip_levels == static_cast<std::uint32_t>(std::log2(static_cast<double>(limit))) + 1);
  require_no_new_validation_messages(before);
}
