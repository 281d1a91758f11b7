#pragma once

#include "scene/scene.hpp"

#include <glm/glm.hpp>

#include <array>
#include <cstddef>

namespace stillwater::render {

// Everything about a scene that stays fixed while it is shown, laid out as
// the SceneUniforms block in scene_data.glsl (every member a vec4).
struct SceneUniforms {
  glm::vec4 sun{0.0F};            // xyz: unit vector towards the sun; w: disc radius, radians
  glm::vec4 sky{0.0F};            // haze, cloud cover, cloud speed (m/s), star brightness
  glm::vec4 light{0.0F};          // exposure, fog density (per m), photo shown (0 or 1), photo yaw (radians)
  glm::vec4 water{0.0F};          // present (0 or 1), level (m), wave height (m), unused
  glm::vec4 water_colour{0.0F};   // linear rgb
  glm::vec4 terrain{0.0F};        // present (0 or 1), hill height (m), hill size (m), flat radius (m)
  glm::vec4 shores{0.0F};         // shore, far shore and stream distance (m), stream width (m)
  glm::vec4 ground_colour{0.0F};  // linear rgb; w: seed offset for the noise
  glm::vec4 shore_colour{0.0F};   // linear rgb
  glm::vec4 trees{0.0F};          // density, kind (0 broadleaf, 1 conifer), clearing radius (m), grass density
  glm::vec4 plants{0.0F};         // flower density, wind strength, number of flower colours, unused
  std::array<glm::vec4, 8> flower_colours{};
  glm::vec4 viewpoint{0.0F};      // eye height sitting and lying (m)
  // Ground darkened under placed models that stand on it: xy the centre of
  // the model's footprint (world x and z, m), zw half its size along the
  // model's own x and z (m). Unused entries have zero size.
  std::array<glm::vec4, 4> contact_shadows{};
  // Turn of each footprint about +y, radians: the model's yaw.
  glm::vec4 contact_turns{0.0F};
};
static_assert(sizeof(SceneUniforms) == 25 * 16, "must match the SceneUniforms block in scene_data.glsl");

// Most placed models that darken the ground beneath them; more are drawn
// without a contact shadow.
inline constexpr std::size_t kMaxContactShadows = 4;

// The uniform values for `scene`; the sun is placed by its time of day.
SceneUniforms make_scene_uniforms(const scene::Scene& scene);

// Eye height above the ground for a recline from upright, in degrees.
float eye_height_m(const scene::Viewpoint& viewpoint, float recline_deg);

}  // namespace stillwater::render
