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

// How many plants of each kind stand near the viewer.
struct PlantCounts {
  std::uint32_t grass_tufts = 0;
  std::uint32_t flowers = 0;
  std::uint32_t trees = 0;
};

// Ground points of the plants near the viewer. In each, xyz is where the
// plant meets the ground, in metres, and w is its scale (1 for the kind's
// usual size).
struct PlacedPlants {
  std::vector<glm::vec4> grass_tufts;
  std::vector<glm::vec4> flowers;
  std::vector<glm::vec4> trees;
};

// Draws the grass, flowers and trees close to the viewer as instanced
// meshes that sway in the breeze, after the scene pass and tested against
// the depth it wrote. The scene pass draws the farther trees on its height
// field and leaves these out.
//
// A compute shader places the plants once per scene on the GPU, with the
// scene pass's own land, tree and flower rules (shared GLSL), so every plant
// stands on the ground the scene pass draws and every near tree takes the
// place of the far tree it replaces. Each kind is one instanced draw.
class VegetationPass {
 public:
  // `scene_uniforms` is the scene pass's buffer of render::SceneUniforms,
  // bound as set 0, binding 0 of every shader here; it must outlive the pass.
  VegetationPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                 VkBuffer scene_uniforms);

  // Builds the pipelines a scene with plants needs, if it has plants and
  // they are not built yet. May run on a loading thread while frames are
  // recorded and submitted, but never at the same time as set_scene.
  void prepare(const scene::Scene& scene);

  // Places the plants of `scene`, whose uniforms are already in the scene
  // uniform buffer, and waits for the GPU. The caller makes sure no frame in
  // flight still draws the old plants.
  void set_scene(const scene::Scene& scene);

  // Read back from the placement, for tests and checks.
  [[nodiscard]] PlacedPlants placed() const;

  // `animation_time_s` is the scene time already scaled by the motion
  // level, and `motion_scale` the level's amplitude factor.
  void record(VkCommandBuffer commands, VkExtent2D extent, const View& view, float eye_height_m,
              float animation_time_s, float motion_scale) const;

 private:
  // One kind's mesh within the shared vertex and index buffers.
  struct MeshRange {
    std::uint32_t first_index = 0;
    std::uint32_t index_count = 0;
    std::int32_t vertex_offset = 0;
  };

  void draw_kind(VkCommandBuffer commands, const MeshRange& mesh, std::uint32_t first_plant,
                 std::uint32_t count) const;

  const Context& context_;
  UniqueDescriptorSetLayout set_layout_;
  UniqueDescriptorPool pool_;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  UniquePipelineLayout layout_;
  UniquePipelineLayout placement_layout_;
  VkRenderPass render_pass_;
  TargetFormat format_;
  // Built with the first scene that has plants. Until then no plant is
  // placed, so record never reads it.
  UniquePipeline pipeline_;
  // Built by prepare and let go once set_scene has placed the plants.
  UniquePipeline placement_;
  HostBuffer vertices_;
  HostBuffer indices_;
  HostBuffer plants_;
  MeshRange grass_;
  MeshRange flower_;
  MeshRange broadleaf_;
  MeshRange conifer_;
  bool conifers_ = false;
  PlantCounts counts_;
};

}  // namespace stillwater::render
