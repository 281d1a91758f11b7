#include "render/scene_uniforms.hpp"

#include "render/sky_pass.hpp"
#include "scene/sun_position.hpp"

#include <algorithm>
#include <cmath>

namespace stillwater::render {

namespace {

// The real sun's apparent radius is about 0.27 degrees; a little larger
// reads better on a headset's coarse pixels.
constexpr float kSunRadiusDeg = 0.45F;

}  // namespace

SceneUniforms make_scene_uniforms(const scene::Scene& scene) {
  SceneUniforms u;
  const scene::SunPosition sun = scene::sun_position(scene.time);
  u.sun = glm::vec4(sun_direction(sun.elevation_deg, sun.azimuth_deg), glm::radians(kSunRadiusDeg));
  u.sky = glm::vec4(scene.sky.haze, scene.sky.cloud_cover, scene.sky.cloud_speed_m_s, scene.sky.star_brightness);
  u.light = glm::vec4(scene.sky.exposure, scene.fog.density_per_m, scene.photo ? 1.0F : 0.0F,
                      scene.photo ? glm::radians(scene.photo->yaw_deg) : 0.0F);

  if (scene.water) {
    u.water = glm::vec4(1.0F, scene.water->level_m, scene.water->wave_height_m, 0.0F);
    u.water_colour = glm::vec4(scene.water->colour, 1.0F);
  }
  if (scene.terrain) {
    const scene::Terrain& terrain = *scene.terrain;
    u.terrain = glm::vec4(1.0F, terrain.hill_height_m, terrain.hill_size_m, terrain.flat_radius_m);
    u.shores = glm::vec4(terrain.shore_distance_m, terrain.far_shore_distance_m, terrain.stream_distance_m,
                         terrain.stream_width_m);
    // Keeps the noise coordinates small, where float precision is good.
    u.ground_colour = glm::vec4(terrain.ground_colour, static_cast<float>(terrain.seed % 997U) * 17.31F);
    u.shore_colour = glm::vec4(terrain.shore_colour, 1.0F);
  }

  const scene::Vegetation& plants = scene.vegetation;
  u.trees = glm::vec4(plants.tree_density, plants.tree_kind == scene::TreeKind::conifer ? 1.0F : 0.0F,
                      plants.clearing_radius_m, plants.grass_density);
  const std::size_t colours = std::min(plants.flower_colours.size(), u.flower_colours.size());
  u.plants = glm::vec4(plants.flower_density, plants.wind_strength, static_cast<float>(colours), 0.0F);
  for (std::size_t i = 0; i < colours; ++i) {
    u.flower_colours[i] = glm::vec4(plants.flower_colours[i], 1.0F);
  }
  u.viewpoint = glm::vec4(scene.viewpoint.eye_height_sitting_m, scene.viewpoint.eye_height_lying_m, 0.0F, 0.0F);
  return u;
}

float eye_height_m(const scene::Viewpoint& viewpoint, float recline_deg) {
  const float lying = std::clamp(recline_deg / 90.0F, 0.0F, 1.0F);
  return viewpoint.eye_height_sitting_m + (viewpoint.eye_height_lying_m - viewpoint.eye_height_sitting_m) * lying;
}

}  // namespace stillwater::render
