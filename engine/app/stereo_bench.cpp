#include "app/stereo_bench.hpp"

#include "core/comfort.hpp"
#include "core/program_clock.hpp"
#include "render/offscreen_renderer.hpp"
#include "render/vk_check.hpp"
#include "render/view.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cerrno>
#include <ctime>
#include <stdexcept>
#include <system_error>

namespace stillwater::app {

namespace {

using Clock = std::chrono::steady_clock;

// Scene time advances as on a 90 Hz headset, whatever the real frame rate,
// so every run draws the same sequence of frames.
constexpr double kSimulatedFrameRateHz = 90.0;
// Distance between the eyes in metres, a typical adult value.
constexpr float kInterpupillaryDistanceM = 0.063F;
constexpr float kVerticalFovDeg = 90.0F;

double thread_cpu_ms() {
  timespec now{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0) {
    throw std::system_error(errno, std::generic_category(), "clock_gettime (CLOCK_THREAD_CPUTIME_ID)");
  }
  return static_cast<double>(now.tv_sec) * 1.0e3 + static_cast<double>(now.tv_nsec) / 1.0e6;
}

render::TargetFormat bench_format(const render::Context& context) {
  render::TargetFormat format;
  format.colour = VK_FORMAT_R8G8B8A8_SRGB;
  format.depth = render::choose_depth_format(context);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  // As on a headset swapchain: the compositor reads the image after the pass.
  format.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  return format;
}

std::array<render::View, 2> eye_views(VkExtent2D extent) {
  const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
  std::array<render::View, 2> views{};
  for (std::size_t eye = 0; eye < views.size(); ++eye) {
    const float side = eye == 0 ? -0.5F : 0.5F;
    views[eye].position = {side * kInterpupillaryDistanceM, 0.0F, 0.0F};
    views[eye].fov = render::symmetric_fov(glm::radians(kVerticalFovDeg), aspect);
  }
  return views;
}

// What the frame loop updates each frame: scene time and the comfort state
// of a session that has finished fading in.
render::FrameState frame_state(std::uint32_t frame_index) {
  const core::ComfortSettings comfort;
  render::FrameState frame;
  frame.sky.time_s =
      static_cast<float>(static_cast<double>(frame_index) / kSimulatedFrameRateHz) * core::motion_scale(comfort.motion);
  frame.comfort.fade = 1.0F;
  frame.comfort.brightness = comfort.brightness;
  frame.comfort.warm_colour = comfort.warm_colour;
  return frame;
}

// Waits for the device to finish on every path out of a run, so the frame
// targets the run made are not destroyed while the GPU may still use them.
struct WaitIdleOnExit {
  VkDevice device;
  ~WaitIdleOnExit() {
    if (const VkResult result = vkDeviceWaitIdle(device); result != VK_SUCCESS) {
      spdlog::warn("vkDeviceWaitIdle after the benchmark failed with {}", render::vk_result_name(result));
    }
  }
};

}  // namespace

StereoBench::StereoBench(const render::Context& context, VkExtent2D eye_extent)
    : context_(context), extent_(eye_extent), format_(bench_format(context)), gpu_timer_(context, kFramesInFlight) {
  render::check_extent(context, eye_extent);

  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = context.queue_family();
  VkCommandPool pool = VK_NULL_HANDLE;
  render::vk_check(vkCreateCommandPool(context.device(), &pool_info, nullptr, &pool),
                   "vkCreateCommandPool (benchmark frames)");
  command_pool_ = render::UniqueCommandPool(context.device(), pool);
  context.set_name(pool, "benchmark frame command pool");

  for (std::uint32_t index = 0; index < kFramesInFlight; ++index) {
    VkCommandBufferAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    allocate.commandPool = pool;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    render::vk_check(vkAllocateCommandBuffers(context.device(), &allocate, &slots_[index].commands),
                     "vkAllocateCommandBuffers (benchmark frame)");
    context.set_name(slots_[index].commands, fmt::format("benchmark frame commands {}", index));

    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fence_info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence = VK_NULL_HANDLE;
    render::vk_check(vkCreateFence(context.device(), &fence_info, nullptr, &fence),
                     "vkCreateFence (benchmark frame)");
    slots_[index].fence = render::UniqueFence(context.device(), fence);
    context.set_name(fence, fmt::format("benchmark frame fence {}", index));
  }

  // The images a headset swapchain would lend, one per eye.
  for (std::uint32_t eye = 0; eye < kViews; ++eye) {
    render::ImageSpec spec;
    spec.format = format_.colour;
    spec.extent = eye_extent;
    spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    eye_images_[eye] = render::create_image(context, spec, fmt::format("benchmark eye {} image", eye));
  }
}

void StereoBench::wait_and_collect(std::uint32_t slot_index, SceneMeasurement& measurement) {
  FrameSlot& slot = slots_[slot_index];
  const VkFence fence = slot.fence.get();
  render::vk_check(vkWaitForFences(context_.device(), 1, &fence, VK_TRUE, UINT64_MAX),
                   "vkWaitForFences (benchmark frame)");
  const std::optional<double> gpu_ms = gpu_timer_.read_ms(slot_index);
  if (slot.measured && gpu_ms) {
    measurement.gpu_ms.push_back(*gpu_ms);
  }
  slot.measured = false;
}

SceneMeasurement StereoBench::run(const render::Renderer& renderer, std::uint32_t warmup, std::uint32_t frames) {
  if (renderer.format().colour != format_.colour || renderer.format().samples != format_.samples ||
      renderer.format().depth != format_.depth || renderer.format().final_layout != format_.final_layout) {
    throw std::invalid_argument("the scene's renderer was built for another target format than the benchmark's");
  }

  const WaitIdleOnExit wait_idle{context_.device()};
  std::array<std::unique_ptr<render::FrameTarget>, kViews> targets;
  for (std::uint32_t eye = 0; eye < kViews; ++eye) {
    targets[eye] = std::make_unique<render::FrameTarget>(context_, renderer.render_pass(), format_,
                                                         eye_images_[eye].view.get(), extent_,
                                                         fmt::format("benchmark eye {}", eye));
  }
  const std::array<render::View, kViews> views = eye_views(extent_);

  SceneMeasurement measurement;
  measurement.cpu_ms.reserve(frames);
  measurement.thread_cpu_ms.reserve(frames);
  measurement.gpu_ms.reserve(frames);

  const std::uint32_t total = warmup + frames;
  for (std::uint32_t index = 0; index < total; ++index) {
    const std::uint32_t slot_index = index % kFramesInFlight;
    FrameSlot& slot = slots_[slot_index];
    // Waiting for the GPU is not the engine's own work, so it stays outside
    // the timed stretch; so does reading the previous timestamps.
    wait_and_collect(slot_index, measurement);

    const auto wall_start = Clock::now();
    const double thread_start = thread_cpu_ms();

    const render::FrameState frame = frame_state(index);

    const VkFence fence = slot.fence.get();
    render::vk_check(vkResetFences(context_.device(), 1, &fence), "vkResetFences (benchmark frame)");
    render::vk_check(vkResetCommandBuffer(slot.commands, 0), "vkResetCommandBuffer (benchmark frame)");
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    render::vk_check(vkBeginCommandBuffer(slot.commands, &begin), "vkBeginCommandBuffer (benchmark frame)");

    gpu_timer_.record_start(slot.commands, slot_index);
    for (std::uint32_t eye = 0; eye < kViews; ++eye) {
      renderer.record_view(slot.commands, *targets[eye], views[eye], frame);
    }
    gpu_timer_.record_end(slot.commands, slot_index);

    render::vk_check(vkEndCommandBuffer(slot.commands), "vkEndCommandBuffer (benchmark frame)");
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &slot.commands;
    render::vk_check(vkQueueSubmit(context_.queue(), 1, &submit, fence), "vkQueueSubmit (benchmark frame)");

    const double thread_end = thread_cpu_ms();
    const auto wall_end = Clock::now();

    if (!first_submit_s_) {
      first_submit_s_ = std::chrono::duration<double>(wall_end - core::program_start()).count();
    }
    slot.measured = index >= warmup;
    if (slot.measured) {
      measurement.cpu_ms.push_back(std::chrono::duration<double, std::milli>(wall_end - wall_start).count());
      measurement.thread_cpu_ms.push_back(thread_end - thread_start);
    }
  }

  for (std::uint32_t slot_index = 0; slot_index < kFramesInFlight; ++slot_index) {
    wait_and_collect(slot_index, measurement);
  }
  return measurement;
}

}  // namespace stillwater::app
