#pragma once

#include "render/comfort_pass.hpp"
#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/scene_pass.hpp"
#include "render/sky_pass.hpp"
#include "render/view.hpp"

#include <glm/glm.hpp>

#include <optional>

namespace stillwater::render {

// Everything that decides how one frame looks, apart from the view.
struct FrameState {
  // Used only until a scene is set: the plain sky and sea.
  SkyState sky;
  // Time, motion level and posture for the scene, once one is set.
  SceneFrame scene;
  ComfortState comfort;
};

// Draws the place for any number of views into targets of one format. It
// records commands only: the caller owns command buffers, submission and
// synchronisation, so the same renderer serves the offscreen path, a
// window and a headset swapchain.
class Renderer {
 public:
  Renderer(const Context& context, const TargetFormat& format);

  [[nodiscard]] VkRenderPass render_pass() const { return render_pass_.get(); }
  [[nodiscard]] const TargetFormat& format() const { return format_; }

  // Makes `scene` the place that record_view draws, uploading what it needs.
  // Call between frames: it waits for the device to finish earlier ones.
  void set_scene(const scene::Scene& scene);

  // The plants placed near the viewer for the scene set last.
  [[nodiscard]] PlacedPlants placed_plants() const { return scene_.placed_plants(); }

  // Builds the pipelines `scene` needs ahead of show, so a loading thread can
  // make a place ready while frames go on. Does nothing for the built-in sea.
  // Never call it at the same time as show or set_scene.
  void prepare(const std::optional<scene::Scene>& scene);

  // Shows `scene`, or the built-in open sea when there is none.
  void show(const std::optional<scene::Scene>& scene);

  // Records one complete render pass for `view` into `target`: the place,
  // then comfort post-processing.
  void record_view(VkCommandBuffer commands, const FrameTarget& target, const View& view,
                   const FrameState& frame) const;

  // Records a render pass that fills `target` with one sRGB-encoded colour.
  void record_solid(VkCommandBuffer commands, const FrameTarget& target, const glm::vec4& srgb_colour) const;

 private:
  void begin(VkCommandBuffer commands, const FrameTarget& target) const;

  TargetFormat format_;
  UniqueRenderPass render_pass_;
  SkyPass sky_;
  ScenePass scene_;
  SolidColourPass solid_colour_;
  ComfortPass comfort_;
};

}  // namespace stillwater::render
