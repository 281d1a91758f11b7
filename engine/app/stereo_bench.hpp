#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/gpu_timer.hpp"
#include "render/renderer.hpp"
#include "render/resources.hpp"
#include "render/vk_handle.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::app {

// Per-frame measurements of one scene; each vector holds one value per
// measured frame, in milliseconds.
struct SceneMeasurement {
  // Wall-clock time of the engine's own work: updating the frame state,
  // recording both views and submitting. Waiting for the GPU is left out.
  std::vector<double> cpu_ms;
  // CPU time the calling thread used over the same stretch, which leaves out
  // time when another process had the core.
  std::vector<double> thread_cpu_ms;
  // GPU time from the first to the last command of the frame; empty when the
  // device cannot time work.
  std::vector<double> gpu_ms;
};

// Renders stereo frames offscreen the way a headset session does: two views
// per frame recorded into one command buffer, one submission per frame and
// two frames in flight, but with no compositor in the way.
class StereoBench {
 public:
  // `eye_extent` is the size of each view's image in pixels.
  StereoBench(const render::Context& context, VkExtent2D eye_extent);

  // The target format a scene's renderer must be built for: 8-bit sRGB
  // colour, 4x multisampling, left ready for a compositor to read.
  [[nodiscard]] const render::TargetFormat& target_format() const { return format_; }

  // Runs `warmup` frames that are not measured, then measures `frames`
  // frames. Waits for the GPU to finish before returning.
  SceneMeasurement run(const render::Renderer& renderer, std::uint32_t warmup, std::uint32_t frames);

  // Seconds from program start to the return of the first frame's
  // vkQueueSubmit, or nothing before any frame was submitted.
  [[nodiscard]] std::optional<double> first_submit_s() const { return first_submit_s_; }

  [[nodiscard]] const render::GpuTimer& gpu_timer() const { return gpu_timer_; }

 private:
  static constexpr std::uint32_t kFramesInFlight = 2;
  static constexpr std::uint32_t kViews = 2;

  struct FrameSlot {
    VkCommandBuffer commands = VK_NULL_HANDLE;
    render::UniqueFence fence;
    // Whether the frame last submitted from this slot is one to measure.
    bool measured = false;
  };

  void wait_and_collect(std::uint32_t slot_index, SceneMeasurement& measurement);

  const render::Context& context_;
  VkExtent2D extent_{};
  render::TargetFormat format_;
  render::UniqueCommandPool command_pool_;
  std::array<FrameSlot, kFramesInFlight> slots_{};
  std::array<render::GpuImage, kViews> eye_images_{};
  render::GpuTimer gpu_timer_;
  std::optional<double> first_submit_s_;
};

}  // namespace stillwater::app
