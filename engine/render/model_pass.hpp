#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/resources.hpp"
#include "render/view.hpp"
#include "scene/scene.hpp"

#include <glm/glm.hpp>

#include <cstdint>

namespace stillwater::render {

// Draws a scene's placed glTF models after the scene pass, testing against
// the depth that pass wrote, so land and water in front of a model hide it.
// Every model of a scene shares one vertex and one index buffer, so the pass
// is one draw call.
//
// NOTE: textures are loaded but not yet sampled: each vertex takes its
// colour times the material's base colour factor.
class ModelPass {
 public:
  ModelPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  // Loads and uploads the models of `scene`, replacing earlier ones. The
  // caller makes sure no frame in flight still uses the old buffers.
  void set_scene(const scene::Scene& scene);

  void record(VkCommandBuffer commands, VkExtent2D extent, const View& view, float eye_height_m) const;

 private:
  const Context& context_;
  UniquePipelineLayout layout_;
  UniquePipeline pipeline_;
  HostBuffer vertices_;
  HostBuffer indices_;
  std::uint32_t index_count_ = 0;
  glm::vec4 sun_{0.0F};
  glm::vec4 sunlight_{0.0F};
  glm::vec4 ambient_{0.0F};
};

}  // namespace stillwater::render
