#include "core/image.hpp"
#include "render/offscreen_renderer.hpp"
#include "scene/scene_file.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <string>
#include <tuple>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;
namespace fs = std::filesystem;

namespace {

constexpr VkExtent2D kSize{160, 90};

scene::Scene shipped(const std::string& name) {
  return scene::load_scene(fs::path(STILLWATER_SOURCE_DIR) / "scenes" / (name + ".toml"));
}

// A view looking down by `pitch_deg` (0 looks level).
render::View view_down(float pitch_deg) {
  render::View view;
  view.fov = render::symmetric_fov(glm::radians(60.0F),
                                   static_cast<float>(kSize.width) / static_cast<float>(kSize.height));
  view.orientation = glm::angleAxis(glm::radians(-pitch_deg), glm::vec3(1.0F, 0.0F, 0.0F));
  return view;
}

float ground_distance(const glm::vec4& base) { return std::hypot(base.x, base.z); }

// Mean of each sRGB channel over the lower half of the picture.
glm::dvec3 lower_half_mean(const core::Rgba8Image& image) {
  glm::dvec3 sum(0.0);
  for (std::uint32_t y = image.height / 2; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto offset = image.offset(x, y);
      sum += glm::dvec3(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]);
    }
  }
  return sum / static_cast<double>((image.height - image.height / 2) * image.width);
}

// Share of pixels in the lower half whose colour differs between two pictures.
double lower_half_changed(const core::Rgba8Image& a, const core::Rgba8Image& b) {
  std::size_t changed = 0;
  for (std::uint32_t y = a.height / 2; y < a.height; ++y) {
    for (std::uint32_t x = 0; x < a.width; ++x) {
      const auto offset = a.offset(x, y);
      for (std::size_t channel = 0; channel < 3; ++channel) {
        if (a.pixels[offset + channel] != b.pixels[offset + channel]) {
          ++changed;
          break;
        }
      }
    }
  }
  return static_cast<double>(changed) / static_cast<double>((a.height - a.height / 2) * a.width);
}

}  // namespace

TEST_CASE("leafy scenes place plants near the viewer", "[render][vegetation]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSize);
  renderer.set_scene(shipped("english-garden"));
  const render::PlacedPlants plants = renderer.placed_plants();

  CHECK(plants.grass_tufts.size() > 500);
  CHECK(plants.flowers.size() > 50);
  CHECK(plants.trees.size() > 5);
  for (const glm::vec4& tuft : plants.grass_tufts) {
    CHECK(ground_distance(tuft) <= 8.5F);
    CHECK(ground_distance(tuft) >= 0.9F);
    CHECK(tuft.w > 0.0F);
    CHECK(tuft.w <= 1.2F);
  }
  for (const glm::vec4& flower : plants.flowers) {
    CHECK(ground_distance(flower) <= 20.0F);
  }
  for (const glm::vec4& tree : plants.trees) {
    // Near trees only, each in its own 7.5 m cell where the far trees of the
    // scene pass would stand: between 0.2 and 0.8 of the way across it.
    CHECK(ground_distance(tree) < 60.0F);
    CHECK(tree.w >= 0.75F);
    CHECK(tree.w <= 1.25F);
    for (const float across : {tree.x / 7.5F, tree.z / 7.5F}) {
      const float within = across - std::floor(across);
      CHECK(within >= 0.2F - 1e-4F);
      CHECK(within <= 0.8F + 1e-4F);
    }
    // Outside the garden's clearing of 35 m.
    CHECK(ground_distance(tree) > 35.0F);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("plant placement is the same every time", "[render][vegetation]") {
  auto& context = shared_context();
  render::OffscreenRenderer renderer(context, kSize);
  renderer.set_scene(shipped("forest-glade"));
  const render::PlacedPlants first = renderer.placed_plants();
  renderer.set_scene(shipped("beach"));
  renderer.set_scene(shipped("forest-glade"));
  const render::PlacedPlants again = renderer.placed_plants();
  REQUIRE(!first.trees.empty());
  // The GPU packs plants in the order its invocations finish; compare as sets.
  const auto sorted = [](std::vector<glm::vec4> plants) {
    std::sort(plants.begin(), plants.end(), [](const glm::vec4& a, const glm::vec4& b) {
      return std::tie(a.x, a.z, a.y, a.w) < std::tie(b.x, b.z, b.y, b.w);
    });
    return plants;
  };
  CHECK(sorted(first.grass_tufts) == sorted(again.grass_tufts));
  CHECK(sorted(first.flowers) == sorted(again.flowers));
  CHECK(sorted(first.trees) == sorted(again.trees));
}

TEST_CASE("place prepared on another thread", "[render][vegetation]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const scene::Scene garden = shipped("english-garden");
  const render::View view = view_down(20.0F);

  // The session's loading thread builds the place's pipelines while the
  // frame loop keeps drawing; here the sea goes on being drawn meanwhile.
  render::OffscreenRenderer loaded(context, kSize);
  auto building = std::async(std::launch::async, [&] { loaded.prepare(garden); });
  int sea_frames = 0;
  do {
    (void)loaded.render(view, render::FrameState{});
    ++sea_frames;
  } while (building.wait_for(std::chrono::seconds(0)) != std::future_status::ready);
  building.get();
  loaded.set_scene(garden);
  const core::Rgba8Image picture = loaded.render(view, render::FrameState{});

  render::OffscreenRenderer direct(context, kSize);
  direct.set_scene(garden);
  const core::Rgba8Image expected = direct.render(view, render::FrameState{});

  INFO("sea frames drawn while the garden was built: " << sea_frames);
  CHECK(loaded.placed_plants().grass_tufts.size() == direct.placed_plants().grass_tufts.size());
  CHECK(loaded.placed_plants().flowers.size() == direct.placed_plants().flowers.size());
  CHECK(loaded.placed_plants().trees.size() == direct.placed_plants().trees.size());
  CHECK(!direct.placed_plants().grass_tufts.empty());
  // Plants drawn in another order may swap a pixel where two meet.
  CHECK(lower_half_changed(picture, expected) < 0.01);
  require_no_new_validation_messages(before);
}

TEST_CASE("no plants where a scene has none", "[render][vegetation]") {
  auto& context = shared_context();
  render::OffscreenRenderer renderer(context, kSize);
  // The beach has no grass, flowers or trees; the photo scene has no land.
  for (const char* name : {"beach", "painted-hills"}) {
    INFO("scene " << name);
    renderer.set_scene(shipped(name));
    const render::PlacedPlants plants = renderer.placed_plants();
    CHECK(plants.grass_tufts.empty());
    CHECK(plants.flowers.empty());
    CHECK(plants.trees.empty());
  }
}

TEST_CASE("grass keeps off the water and its sandy edge", "[render][vegetation]") {
  auto& context = shared_context();
  render::OffscreenRenderer renderer(context, kSize);
  for (const char* name : {"lake-dawn", "forest-glade"}) {
    INFO("scene " << name);
    const scene::Scene place = shipped(name);
    REQUIRE(place.water.has_value());
    renderer.set_scene(place);
    const render::PlacedPlants plants = renderer.placed_plants();
    CHECK(!plants.grass_tufts.empty());
    for (const glm::vec4& tuft : plants.grass_tufts) {
      CHECK(tuft.y > place.water->level_m + 0.4F);
    }
    for (const glm::vec4& tree : plants.trees) {
      CHECK(tree.y > place.water->level_m);
    }
  }
}

TEST_CASE("grass stands out of the lawn in its colours", "[render][vegetation]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSize);
  render::FrameState frame;
  frame.scene.motion = core::MotionLevel::still;

  scene::Scene lawn = shipped("english-garden");
  renderer.set_scene(lawn);
  const core::Rgba8Image with_grass = renderer.render(view_down(50.0F), frame);
  lawn.vegetation.grass_density = 0.0F;
  renderer.set_scene(lawn);
  REQUIRE(renderer.placed_plants().grass_tufts.empty());
  const core::Rgba8Image painted = renderer.render(view_down(50.0F), frame);

  // Blades cover a good part of the ground in front of the viewer...
  CHECK(lower_half_changed(with_grass, painted) > 0.2);
  // ...in the lawn's own colours: not dark tufts on a bright lawn.
  const glm::dvec3 grass = lower_half_mean(with_grass);
  const glm::dvec3 ground = lower_half_mean(painted);
  INFO("lower half with grass " << grass.x << ", " << grass.y << ", " << grass.z << "; painted only " << ground.x
                                << ", " << ground.y << ", " << ground.z);
  for (int channel = 0; channel < 3; ++channel) {
    CHECK(std::abs(grass[channel] - ground[channel]) < 0.15 * ground[channel] + 3.0);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("grass sways at gentle and stands still at still", "[render][vegetation]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, kSize);
  renderer.set_scene(shipped("english-garden"));
  render::FrameState frame;

  // Looking down, the lower half holds only lawn and grass, which nothing
  // but the breeze moves.
  frame.scene.motion = core::MotionLevel::gentle;
  frame.scene.time_s = 0.0F;
  const core::Rgba8Image start = renderer.render(view_down(50.0F), frame);
  frame.scene.time_s = 2.0F;
  const core::Rgba8Image later = renderer.render(view_down(50.0F), frame);
  CHECK(lower_half_changed(start, later) > 0.005);

  frame.scene.motion = core::MotionLevel::still;
  frame.scene.time_s = 0.0F;
  const core::Rgba8Image still_start = renderer.render(view_down(50.0F), frame);
  frame.scene.time_s = 2.0F;
  const core::Rgba8Image still_later = renderer.render(view_down(50.0F), frame);
  CHECK(lower_half_changed(still_start, still_later) == 0.0);
  require_no_new_validation_messages(before);
}
