#pragma once

#include "display/display.hpp"
#include "render/context.hpp"
#include "render/resources.hpp"

#include <vulkan/vulkan.h>

#include <chrono>
#include <vector>

namespace stillwater::display {

// Copies a small version of a displayed image to the CPU for the companion's
// mirror. The copy is recorded into a frame's own command buffer and read
// once that frame's fence has signalled, so the frame loop never waits for it.
class MirrorCapture {
 public:
  MirrorCapture(const render::Context& context, std::size_t frame_slots);

  void set_sink(MirrorSink sink, std::chrono::milliseconds interval);

  // True when a copy should be recorded this frame.
  [[nodiscard]] bool due() const;

  // Records a downscaled copy of `source` into `commands` for frame slot
  // `slot`. The source image must be in `source_layout` and is left in it.
  void record(VkCommandBuffer commands, std::size_t slot, VkImage source, VkFormat format, VkExtent2D extent,
              VkImageLayout source_layout);

  // Hands the copy recorded for `slot` to the sink; call only after the
  // slot's fence has signalled.
  void deliver(std::size_t slot);

 private:
  const render::Context& context_;
  MirrorSink sink_;
  std::chrono::milliseconds interval_{250};
  std::chrono::steady_clock::time_point last_{};
  render::GpuImage image_;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  std::vector<render::HostBuffer> buffers_;
  std::vector<bool> pending_;
};

}  // namespace stillwater::display
