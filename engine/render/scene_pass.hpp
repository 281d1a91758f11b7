#pragma once

#include "core/comfort.hpp"
#include "render/fullscreen_pipeline.hpp"
#include "render/model_pass.hpp"
#include "render/resources.hpp"
#include "render/scene_uniforms.hpp"
#include "render/vegetation_pass.hpp"
#include "render/view.hpp"
#include "scene/scene.hpp"

#include <optional>

namespace stillwater::render {

// The per-frame values of a scene: time, motion level and posture.
struct SceneFrame {
  // Seconds since the scene started; every animation follows it.
  float time_s = 0.0F;
  core::MotionLevel motion = core::MotionLevel::gentle;
  // The patient's recline from upright, degrees; sets the eye height.
  float recline_deg = 0.0F;
};

// Draws a whole scene. One full-screen pass draws the sky with sun, clouds
// and stars, the land with its far trees, water and fog, or a 360-degree
// photo. The plants close by and the placed models follow, tested against
// the depth the full-screen pass wrote. The scene's fixed values live in a storage
// buffer that every part reads, the per-frame ones in push constants.
class ScenePass {
 public:
  ScenePass(const Context& context, VkRenderPass render_pass, const TargetFormat& format);

  // Builds the pipelines `scene` needs that are not built yet: the scene
  // shader's, the largest (0.6 to 1.1 s of CPU time and about 60 MB on a
  // software renderer), and the plants' for a scene with plants. Built only
  // once a place needs them, so a session on the built-in sea never pays for
  // them. May run on a loading thread while frames are recorded and
  // submitted, but never at the same time as set_scene or clear.
  void prepare(const scene::Scene& scene);

  // Uploads `scene`, building first what prepare has not. Waits for the
  // device to go idle, because frames still in flight may read the old
  // uniforms and photo.
  void set_scene(const scene::Scene& scene);

  [[nodiscard]] bool has_scene() const { return has_scene_; }

  // The plants placed near the viewer for the current scene.
  [[nodiscard]] PlacedPlants placed_plants() const { return vegetation_.placed(); }

  // Stops drawing the scene; its resources stay until the next set_scene.
  void clear() { has_scene_ = false; }

  void record(VkCommandBuffer commands, VkExtent2D extent, const View& view, const SceneFrame& frame) const;

 private:
  void bind_photo(const GpuImage& photo);

  const Context& context_;
  UniqueDescriptorSetLayout set_layout_;
  UniqueDescriptorPool pool_;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  HostBuffer uniforms_;
  UniqueSampler sampler_;
  GpuImage photo_;
  VkRenderPass render_pass_;
  TargetFormat format_;
  // Built by prepare; present whenever has_scene_ is true.
  std::optional<FullscreenPipeline> pipeline_;
  VegetationPass vegetation_;
  ModelPass models_;
  scene::Viewpoint viewpoint_;
  bool has_scene_ = false;
};

}  // namespace stillwater::render
