#include "render/comfort_pass.hpp"

#include <algorithm>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kComfortFragment[] = {
#include "comfort.frag.spv.inc"
};

// Warm light: blue down to about two thirds and green slightly, close to the
// night modes of phones and tablets.
constexpr glm::vec3 kWarmTint{1.0F, 0.86F, 0.62F};

}  // namespace

glm::vec3 comfort_tint(const ComfortState& comfort) {
  const float level = std::clamp(comfort.fade, 0.0F, 1.0F) * std::clamp(comfort.brightness, 0.0F, 1.0F);
  const float warmth = std::clamp(comfort.warm_colour, 0.0F, 1.0F);
  return level * glm::mix(glm::vec3(1.0F), kWarmTint, warmth);
}

ComfortPass::ComfortPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : pipeline_(context, render_pass, format,
                FullscreenPipelineSpec{kComfortFragment, sizeof(glm::vec4), Blending::multiply, false}, "comfort") {}

void ComfortPass::record(VkCommandBuffer commands, VkExtent2D extent, const ComfortState& comfort) const {
  const glm::vec3 tint = comfort_tint(comfort);
  if (tint == glm::vec3(1.0F)) {
    return;
  }
  const glm::vec4 constants(tint, 1.0F);
  pipeline_.draw(commands, extent, &constants);
}

}  // namespace stillwater::render
