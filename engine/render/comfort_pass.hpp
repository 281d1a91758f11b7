#pragma once

#include "render/fullscreen_pipeline.hpp"

#include <glm/glm.hpp>

namespace stillwater::render {

// What the comfort rules do to the finished picture of one frame.
struct ComfortState {
  // 0 is black, 1 the full picture: fades in, out and dips to black.
  float fade = 1.0F;
  // Brightness ceiling as a factor on the light, 0.2 to 1.
  float brightness = 1.0F;
  // How much warm light replaces neutral: 0 neutral, 1 the full warm tint,
  // which lowers blue and some green light.
  float warm_colour = 0.0F;
};

// The linear multiplier that `comfort` applies to each colour channel.
glm::vec3 comfort_tint(const ComfortState& comfort);

// Multiplies the picture by comfort_tint. Draws nothing when the tint is 1.
class ComfortPass {
 public:
  ComfortPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  void record(VkCommandBuffer commands, VkExtent2D extent, const ComfortState& comfort) const;

 private:
  FullscreenPipeline pipeline_;
};

}  // namespace stillwater::render
