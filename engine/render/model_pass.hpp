#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/resources.hpp"
#include "render/view.hpp"
#include "scene/scene.hpp"

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace stillwater::render {

// Draws a scene's placed glTF models after the scene pass, testing against
// the depth that pass wrote, so land and water in front of a model hide it.
// Every model of a scene shares one vertex and one index buffer; each
// primitive is one draw call with its material's descriptor set. A
// surface's colour is base colour texture x base colour factor x vertex
// colour, lit through its normal texture.
//
// NOTE: alpha is ignored: every material draws opaque.
class ModelPass {
 public:
  ModelPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  // Loads and uploads the models of `scene`, replacing earlier ones. The
  // caller makes sure no frame in flight still uses the old buffers.
  void set_scene(const scene::Scene& scene);

  void record(VkCommandBuffer commands, VkExtent2D extent, const View& view, float eye_height_m) const;

  // Where a model that stands on the ground covers it.
  struct Footprint {
    // Centre x and z in the world, then half the size along the model's
    // own x and z, in metres.
    glm::vec4 box{0.0F};
    // The model's turn about +y, radians.
    float turn_rad = 0.0F;
  };

  // Footprints of the models that stand on the ground (their lowest point
  // at most 0.5 m above where the scene places them), in the scene's order.
  [[nodiscard]] const std::vector<Footprint>& footprints() const { return footprints_; }

 private:
  // One primitive: a range of the shared index buffer and its material.
  struct Draw {
    VkDescriptorSet set = VK_NULL_HANDLE;
    std::uint32_t first_index = 0;
    std::uint32_t index_count = 0;
  };

  VkDescriptorSet allocate_material(VkDescriptorPool pool, VkImageView base_colour, VkImageView normal) const;

  const Context& context_;
  UniqueDescriptorSetLayout set_layout_;
  UniquePipelineLayout layout_;
  UniquePipeline pipeline_;
  UniqueSampler sampler_;
  GpuImage white_;
  GpuImage flat_normal_;
  UniqueDescriptorPool pool_;
  std::vector<GpuImage> textures_;
  std::vector<Draw> draws_;
  HostBuffer vertices_;
  HostBuffer indices_;
  std::uint32_t index_count_ = 0;
  std::vector<Footprint> footprints_;
  glm::vec4 sun_{0.0F};
  glm::vec4 sunlight_{0.0F};
  glm::vec4 ambient_{0.0F};
};

}  // namespace stillwater::render
