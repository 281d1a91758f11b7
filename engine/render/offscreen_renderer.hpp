#pragma once

#include "core/image.hpp"
#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/resources.hpp"
#include "render/renderer.hpp"
#include "render/view.hpp"

#include <glm/glm.hpp>

#include <optional>

namespace stillwater::render {

// Renders into an image of its own and reads the result back to CPU memory:
// for PNG renders, scene thumbnails and tests. The final image must use an
// 8-bit sRGB format, RGBA or BGRA; readback always yields RGBA bytes.
class OffscreenRenderer {
 public:
  OffscreenRenderer(const Context& context, VkExtent2D extent, VkFormat colour_format = VK_FORMAT_R8G8B8A8_SRGB);

  // Builds ahead what drawing `scene` needs; see Renderer::prepare.
  void prepare(const scene::Scene& scene) { renderer_.prepare(scene); }

  // Makes `scene` the place that render() draws.
  void set_scene(const scene::Scene& scene) { renderer_.set_scene(scene); }
  [[nodiscard]] PlacedPlants placed_plants() const { return renderer_.placed_plants(); }

  // Draws the place as seen from `view` and returns the picture.
  core::Rgba8Image render(const View& view, const FrameState& frame);

  // Fills the whole target with one sRGB-encoded colour and returns it.
  core::Rgba8Image render_solid(const glm::vec4& srgb_colour);

  [[nodiscard]] VkExtent2D extent() const { return extent_; }

 private:
  template <typename Record>
  core::Rgba8Image render_with(const Record& record_pass, const char* what);

  core::Rgba8Image read_back() const;

  const Context& context_;
  VkExtent2D extent_;
  Renderer renderer_;
  GpuImage image_;
  FrameTarget target_;
  HostBuffer readback_;
};

// Checks that `extent` can be rendered on this device: both sides at least 1
// and at most the device's maxImageDimension2D. Throws std::invalid_argument
// with the limit.
void check_extent(const Context& context, VkExtent2D extent);

}  // namespace stillwater::render
