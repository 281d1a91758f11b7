#pragma once

#include "render/fullscreen_pipeline.hpp"
#include "render/view.hpp"

#include <glm/glm.hpp>

namespace stillwater::render {

// The sky, sun and sea that every place stands in.
struct SkyState {
  // Sun position: elevation above the horizon and azimuth clockwise from
  // straight ahead (-z), both in degrees.
  float sun_elevation_deg = 7.0F;
  float sun_azimuth_deg = -18.0F;
  // Apparent radius of the sun disc in degrees; the real sun's is about 0.27.
  float sun_radius_deg = 0.6F;
  // Height of the eye above the sea, in metres.
  float eye_height_m = 1.7F;
  // Scene time in seconds, which drives the waves.
  float time_s = 0.0F;
  float exposure = 0.9F;
  // Haze per metre of distance: 0.002 leaves a clear sea for about 500 m.
  float fog_density_per_m = 0.002F;
  // Wave amplitude scale: 0 stills the sea, 1 is a gentle swell.
  float wave_scale = 1.0F;
};

// The unit vector towards the sun for the given elevation and azimuth.
glm::vec3 sun_direction(float elevation_deg, float azimuth_deg);

class SkyPass {
 public:
  SkyPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  void record(VkCommandBuffer commands, VkExtent2D extent, const View& view, const SkyState& sky) const;

 private:
  FullscreenPipeline pipeline_;
};

// Fills the target with one sRGB-encoded colour, with alpha blending, so an
// alpha below 1 lays a veil over what was drawn before.
class SolidColourPass {
 public:
  SolidColourPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  void record(VkCommandBuffer commands, VkExtent2D extent, const glm::vec4& srgb_colour) const;

 private:
  FullscreenPipeline pipeline_;
};

}  // namespace stillwater::render
