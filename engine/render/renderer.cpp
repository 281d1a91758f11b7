#include "render/renderer.hpp"

#include <array>

namespace stillwater::render {

Renderer::Renderer(const Context& context, const TargetFormat& format)
    : format_(format),
      render_pass_(create_render_pass(context, format)),
      sky_(context, render_pass_.get(), format),
      scene_(context, render_pass_.get(), format),
      solid_colour_(context, render_pass_.get(), format),
      comfort_(context, render_pass_.get(), format) {}

void Renderer::begin(VkCommandBuffer commands, const FrameTarget& target) const {
  std::array<VkClearValue, 3> clears{};
  clears[0].color = {{0.0F, 0.0F, 0.0F, 1.0F}};
  clears[1].depthStencil = {1.0F, 0};

  VkRenderPassBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  begin.renderPass = render_pass_.get();
  begin.framebuffer = target.framebuffer();
  begin.renderArea = {{0, 0}, target.extent()};
  begin.clearValueCount = static_cast<std::uint32_t>(clears.size());
  begin.pClearValues = clears.data();
  vkCmdBeginRenderPass(commands, &begin, VK_SUBPASS_CONTENTS_INLINE);
}

void Renderer::record_view(VkCommandBuffer commands, const FrameTarget& target, const View& view,
                           const FrameState& frame) const {
  begin(commands, target);

  // At the bottom of a fade the comfort pass turns everything black, so the
  // place is not drawn. Those frames then cost the GPU almost nothing, which
  // keeps a scene change (made at black) from waiting on a costly frame.
  if (frame.comfort.fade > 0.0F) {
    if (scene_.has_scene()) {
      scene_.record(commands, target.extent(), view, frame.scene);
    } else {
      sky_.record(commands, target.extent(), view, frame.sky);
    }
  }
  comfort_.record(commands, target.extent(), frame.comfort);
  vkCmdEndRenderPass(commands);
}

void Renderer::set_scene(const scene::Scene& scene) { scene_.set_scene(scene); }

void Renderer::prepare(const std::optional<scene::Scene>& scene) {
  if (scene) {
    scene_.prepare(*scene);
  }
}

void Renderer::show(const std::optional<scene::Scene>& scene) {
  if (scene) {
    scene_.set_scene(*scene);
  } else {
    scene_.clear();
  }
}

void Renderer::record_solid(VkCommandBuffer commands, const FrameTarget& target, const glm::vec4& srgb_colour) const {
  begin(commands, target);
  solid_colour_.record(commands, target.extent(), srgb_colour);
  vkCmdEndRenderPass(commands);
}

}  // namespace stillwater::render
