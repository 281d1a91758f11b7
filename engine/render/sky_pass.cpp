#include "render/sky_pass.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kSkyFragment[] = {
#include "sky.frag.spv.inc"
};

constexpr std::uint32_t kSolidColourFragment[] = {
#include "solid_colour.frag.spv.inc"
};

// Mirrors the push-constant block in sky.frag; std430-compatible layout.
struct SkyConstants {
  glm::mat4 clip_to_direction;
  glm::vec4 sun;
  glm::vec4 camera;
  glm::vec4 motion;
};
static_assert(sizeof(SkyConstants) == 112, "must match the push-constant block in sky.frag");
static_assert(sizeof(SkyConstants) <= 128, "Vulkan guarantees only 128 bytes of push constants");

}  // namespace

glm::vec3 sun_direction(float elevation_deg, float azimuth_deg) {
  const float elevation = glm::radians(elevation_deg);
  const float azimuth = glm::radians(azimuth_deg);
  return glm::vec3(std::cos(elevation) * std::sin(azimuth), std::sin(elevation),
                   -std::cos(elevation) * std::cos(azimuth));
}

SkyPass::SkyPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : pipeline_(context, render_pass, format,
                FullscreenPipelineSpec{kSkyFragment, sizeof(SkyConstants), Blending::opaque, true,
                                       VK_NULL_HANDLE, true},
                "sky") {}

void SkyPass::record(VkCommandBuffer commands, VkExtent2D extent, const View& view, const SkyState& sky) const {
  // The sky is infinitely far away: only the view's rotation matters.
  View rotation_only = view;
  rotation_only.position = glm::vec3(0.0F);
  const glm::mat4 clip_from_world =
      projection_matrix(view.fov, kNearPlaneM, kFarPlaneM) * view_matrix(rotation_only);

  SkyConstants constants{};
  constants.clip_to_direction = glm::inverse(clip_from_world);
  constants.sun = glm::vec4(sun_direction(sky.sun_elevation_deg, sky.sun_azimuth_deg),
                            glm::radians(sky.sun_radius_deg));
  constants.camera = glm::vec4(sky.eye_height_m + view.position.y, sky.time_s, sky.exposure, sky.fog_density_per_m);
  constants.motion = glm::vec4(sky.wave_scale, 0.0F, 0.0F, 0.0F);
  pipeline_.draw(commands, extent, &constants);
}

SolidColourPass::SolidColourPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : pipeline_(context, render_pass, format,
                FullscreenPipelineSpec{kSolidColourFragment, sizeof(glm::vec4), Blending::alpha, false},
                "solid colour") {}

void SolidColourPass::record(VkCommandBuffer commands, VkExtent2D extent, const glm::vec4& srgb_colour) const {
  pipeline_.draw(commands, extent, &srgb_colour);
}

}  // namespace stillwater::render
