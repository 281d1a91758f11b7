#include "display/window_display.hpp"

#include "render/resources.hpp"
#include "render/vk_check.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

namespace stillwater::display {

namespace {

using Clock = std::chrono::steady_clock;

// Radians of view turn per pixel of mouse movement: slow on purpose, so the
// view never swings.
constexpr float kLookPerPixel = 0.0015F;
// Fraction of the remaining turn taken each frame, which eases the view.
constexpr float kLookEasing = 0.08F;
constexpr float kMaxPitch = 1.0F;
constexpr float kVerticalFovRadians = 1.0472F;  // 60 degrees

std::string glfw_error() {
  const char* description = nullptr;
  const int code = glfwGetError(&description);
  return fmt::format("GLFW error {:#x}: {}", code, description != nullptr ? description : "no description");
}

}  // namespace

WindowDisplay::Window::~Window() {
  if (handle != nullptr) {
    glfwDestroyWindow(handle);
  }
  glfwTerminate();
}

WindowDisplay::Surface::~Surface() {
  if (handle != VK_NULL_HANDLE) {
    vkDestroySurfaceKHR(instance, handle, nullptr);
  }
}

WindowDisplay::WindowDisplay(const WindowOptions& options) {
  if (glfwInit() != GLFW_TRUE) {
    throw ScreenUnavailable(fmt::format("no screen is available for screen mode ({}); run it on the ward PC's "
                                        "desktop, where DISPLAY or WAYLAND_DISPLAY is set",
                                        glfw_error()));
  }
  if (glfwVulkanSupported() != GLFW_TRUE) {
    throw ScreenUnavailable("the screen has no Vulkan support; install the graphics driver's Vulkan package");
  }

  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  GLFWmonitor* monitor = options.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int width = options.width;
  int height = options.height;
  if (monitor != nullptr) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    width = mode->width;
    height = mode->height;
  }
  window_.handle = glfwCreateWindow(width, height, "Stillwater", monitor, nullptr);
  if (window_.handle == nullptr) {
    throw ScreenUnavailable(fmt::format("could not open the Stillwater window ({})", glfw_error()));
  }

  render::ContextOptions context_options;
  context_options.validation = options.validation;
  std::uint32_t count = 0;
  const char** required = glfwGetRequiredInstanceExtensions(&count);
  for (std::uint32_t index = 0; index < count; ++index) {
    context_options.instance_extensions.emplace_back(required[index]);
  }
  context_options.device_extensions.emplace_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  context_ = std::make_unique<render::Context>(context_options);

  surface_ = std::make_unique<Surface>();
  surface_->instance = context_->instance();
  render::vk_check(glfwCreateWindowSurface(context_->instance(), window_.handle, nullptr, &surface_->handle),
                   "glfwCreateWindowSurface");
  VkBool32 supported = VK_FALSE;
  render::vk_check(vkGetPhysicalDeviceSurfaceSupportKHR(context_->physical_device(), context_->queue_family(),
                                                        surface_->handle, &supported),
                   "vkGetPhysicalDeviceSurfaceSupportKHR");
  if (supported != VK_TRUE) {
    throw ScreenUnavailable("the chosen Vulkan device cannot present to this screen");
  }

  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = context_->queue_family();
  VkCommandPool pool = VK_NULL_HANDLE;
  render::vk_check(vkCreateCommandPool(context_->device(), &pool_info, nullptr, &pool),
                   "vkCreateCommandPool (window frames)");
  command_pool_ = render::UniqueCommandPool(context_->device(), pool);

  for (std::size_t index = 0; index < slots_.size(); ++index) {
    VkCommandBufferAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    allocate.commandPool = pool;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    render::vk_check(vkAllocateCommandBuffers(context_->device(), &allocate, &slots_[index].commands),
                     "vkAllocateCommandBuffers (window frame)");

    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fence_info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence = VK_NULL_HANDLE;
    render::vk_check(vkCreateFence(context_->device(), &fence_info, nullptr, &fence), "vkCreateFence (window frame)");
    slots_[index].fence = render::UniqueFence(context_->device(), fence);

    VkSemaphoreCreateInfo semaphore_info{};
    semaphore_info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    VkSemaphore semaphore = VK_NULL_HANDLE;
    render::vk_check(vkCreateSemaphore(context_->device(), &semaphore_info, nullptr, &semaphore),
                     "vkCreateSemaphore (window image acquired)");
    slots_[index].image_acquired = render::UniqueSemaphore(context_->device(), semaphore);
  }

  mirror_ = std::make_unique<MirrorCapture>(*context_, slots_.size());
  create_swapchain();
  glfwGetCursorPos(window_.handle, &last_cursor_x_, &last_cursor_y_);
  spdlog::info("Screen mode: {}x{} window{}", extent_.width, extent_.height, options.fullscreen ? ", full screen" : "");
}

WindowDisplay::~WindowDisplay() { destroy_swapchain(); }

render::TargetFormat WindowDisplay::target_format() const {
  render::TargetFormat format;
  format.colour = format_;
  format.depth = render::choose_depth_format(*context_);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  format.final_layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  return format;
}

void WindowDisplay::create_swapchain() {
  const VkPhysicalDevice physical = context_->physical_device();
  VkSurfaceCapabilitiesKHR capabilities{};
  render::vk_check(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(physical, surface_->handle, &capabilities),
                   "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");

  std::uint32_t count = 0;
  render::vk_check(vkGetPhysicalDeviceSurfaceFormatsKHR(physical, surface_->handle, &count, nullptr),
                   "vkGetPhysicalDeviceSurfaceFormatsKHR");
  std::vector<VkSurfaceFormatKHR> formats(count);
  render::vk_check(vkGetPhysicalDeviceSurfaceFormatsKHR(physical, surface_->handle, &count, formats.data()),
                   "vkGetPhysicalDeviceSurfaceFormatsKHR");
  // An sRGB format, so the picture is encoded once, as in the headset.
  const auto chosen = std::find_if(formats.begin(), formats.end(), [](const VkSurfaceFormatKHR& candidate) {
    return (candidate.format == VK_FORMAT_B8G8R8A8_SRGB || candidate.format == VK_FORMAT_R8G8B8A8_SRGB) &&
           candidate.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  });
  if (chosen == formats.end()) {
    std::string names;
    for (const auto& format : formats) {
      names += (names.empty() ? "" : ", ") + render::format_name(format.format);
    }
    throw ScreenUnavailable("the screen offers no sRGB format; it offers " + names);
  }
  format_ = chosen->format;

  if (capabilities.currentExtent.width != UINT32_MAX) {
    extent_ = capabilities.currentExtent;
  } else {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_.handle, &width, &height);
    extent_ = {std::clamp(static_cast<std::uint32_t>(width), capabilities.minImageExtent.width,
                          capabilities.maxImageExtent.width),
               std::clamp(static_cast<std::uint32_t>(height), capabilities.minImageExtent.height,
                          capabilities.maxImageExtent.height)};
  }

  std::uint32_t image_count = capabilities.minImageCount + 1;
  if (capabilities.maxImageCount > 0) {
    image_count = std::min(image_count, capabilities.maxImageCount);
  }

  VkSwapchainCreateInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
  info.surface = surface_->handle;
  info.minImageCount = image_count;
  info.imageFormat = format_;
  info.imageColorSpace = chosen->colorSpace;
  info.imageExtent = extent_;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = capabilities.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  // FIFO is always available and paces to the screen's refresh.
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;
  info.clipped = VK_TRUE;
  render::vk_check(vkCreateSwapchainKHR(context_->device(), &info, nullptr, &swapchain_),
                   fmt::format("vkCreateSwapchainKHR ({}x{} {})", extent_.width, extent_.height,
                               render::format_name(format_)));

  render::vk_check(vkGetSwapchainImagesKHR(context_->device(), swapchain_, &image_count, nullptr),
                   "vkGetSwapchainImagesKHR");
  images_.resize(image_count);
  render::vk_check(vkGetSwapchainImagesKHR(context_->device(), swapchain_, &image_count, images_.data()),
                   "vkGetSwapchainImagesKHR");
  for (std::uint32_t index = 0; index < image_count; ++index) {
    views_.push_back(render::create_image_view(*context_, images_[index], format_, VK_IMAGE_ASPECT_COLOR_BIT,
                                               fmt::format("window image view {}", index)));
    VkSemaphoreCreateInfo semaphore_info{};
    semaphore_info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    VkSemaphore semaphore = VK_NULL_HANDLE;
    render::vk_check(vkCreateSemaphore(context_->device(), &semaphore_info, nullptr, &semaphore),
                     "vkCreateSemaphore (window render finished)");
    render_finished_.emplace_back(context_->device(), semaphore);
  }
  if (render_pass_ != VK_NULL_HANDLE) {
    set_render_pass(render_pass_);
  }
  swapchain_stale_ = false;
}

void WindowDisplay::destroy_swapchain() {
  if (swapchain_ == VK_NULL_HANDLE) {
    return;
  }
  if (const VkResult result = vkDeviceWaitIdle(context_->device()); result != VK_SUCCESS) {
    spdlog::warn("vkDeviceWaitIdle before replacing the window's swapchain failed with {}",
                 render::vk_result_name(result));
  }
  targets_.clear();
  render_finished_.clear();
  views_.clear();
  images_.clear();
  vkDestroySwapchainKHR(context_->device(), swapchain_, nullptr);
  swapchain_ = VK_NULL_HANDLE;
}

void WindowDisplay::set_render_pass(VkRenderPass render_pass) {
  render_pass_ = render_pass;
  targets_.clear();
  for (std::size_t index = 0; index < views_.size(); ++index) {
    targets_.push_back(std::make_unique<render::FrameTarget>(*context_, render_pass, target_format(),
                                                             views_[index].get(), extent_,
                                                             fmt::format("window image {}", index)));
  }
}

DisplayStatus WindowDisplay::poll_events(std::chrono::milliseconds idle_wait) {
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_.handle, &width, &height);
  const bool minimised = width == 0 || height == 0;
  if (minimised) {
    glfwWaitEventsTimeout(std::chrono::duration<double>(idle_wait).count());
  } else {
    glfwPollEvents();
  }

  if (glfwGetKey(window_.handle, GLFW_KEY_ESCAPE) == GLFW_PRESS) {
    glfwSetWindowShouldClose(window_.handle, GLFW_TRUE);
  }

  DisplayStatus status;
  status.exit_requested = glfwWindowShouldClose(window_.handle) == GLFW_TRUE;
  status.frames_wanted = !minimised && !status.exit_requested;
  return status;
}

render::View WindowDisplay::current_view() {
  double x = 0.0;
  double y = 0.0;
  glfwGetCursorPos(window_.handle, &x, &y);
  const bool pressed = glfwGetMouseButton(window_.handle, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  if (pressed && dragging_) {
    target_yaw_ -= static_cast<float>(x - last_cursor_x_) * kLookPerPixel;
    target_pitch_ = std::clamp(target_pitch_ - static_cast<float>(y - last_cursor_y_) * kLookPerPixel, -kMaxPitch,
                               kMaxPitch);
  }
  dragging_ = pressed;
  last_cursor_x_ = x;
  last_cursor_y_ = y;
  yaw_ += (target_yaw_ - yaw_) * kLookEasing;
  pitch_ += (target_pitch_ - pitch_) * kLookEasing;

  render::View view;
  view.orientation = glm::angleAxis(yaw_, glm::vec3(0.0F, 1.0F, 0.0F)) *
                     glm::angleAxis(pitch_, glm::vec3(1.0F, 0.0F, 0.0F));
  view.fov = render::symmetric_fov(kVerticalFovRadians,
                                   static_cast<float>(extent_.width) / static_cast<float>(extent_.height));
  return view;
}

FrameResult WindowDisplay::render_frame(const DrawView& draw, const FrameOptions& /*options*/) {
  if (swapchain_stale_) {
    destroy_swapchain();
    create_swapchain();
  }

  const std::size_t slot_index = next_slot_;
  FrameSlot& slot = slots_[slot_index];
  next_slot_ = (next_slot_ + 1) % slots_.size();
  const VkFence fence = slot.fence.get();
  const Clock::time_point gpu_wait_start = Clock::now();
  render::vk_check(vkWaitForFences(context_->device(), 1, &fence, VK_TRUE, UINT64_MAX),
                   "vkWaitForFences (window frame)");
  const Clock::duration gpu_wait = Clock::now() - gpu_wait_start;
  mirror_->deliver(slot_index);

  const Clock::time_point acquire_start = Clock::now();
  std::uint32_t image_index = 0;
  const VkResult acquired = vkAcquireNextImageKHR(context_->device(), swapchain_, UINT64_MAX,
                                                  slot.image_acquired.get(), VK_NULL_HANDLE, &image_index);
  if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
    swapchain_stale_ = true;
    return {};
  }
  if (acquired != VK_SUBOPTIMAL_KHR) {
    render::vk_check(acquired, "vkAcquireNextImageKHR");
  }
  const Clock::duration acquire_wait = Clock::now() - acquire_start;

  render::vk_check(vkResetFences(context_->device(), 1, &fence), "vkResetFences (window frame)");
  render::vk_check(vkResetCommandBuffer(slot.commands, 0), "vkResetCommandBuffer (window frame)");
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  render::vk_check(vkBeginCommandBuffer(slot.commands, &begin), "vkBeginCommandBuffer (window frame)");

  FrameResult result;
  result.rendered = true;
  result.waits.gpu = gpu_wait;
  result.waits.hand_over = acquire_wait;
  result.views.push_back(current_view());
  draw(slot.commands, *targets_.at(image_index), result.views.front(), 0);
  if (mirror_->due()) {
    mirror_->record(slot.commands, slot_index, images_[image_index], format_, extent_, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
  }
  render::vk_check(vkEndCommandBuffer(slot.commands), "vkEndCommandBuffer (window frame)");

  const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  const VkSemaphore wait = slot.image_acquired.get();
  const VkSemaphore signal = render_finished_[image_index].get();
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.waitSemaphoreCount = 1;
  submit.pWaitSemaphores = &wait;
  submit.pWaitDstStageMask = &wait_stage;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &slot.commands;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &signal;
  render::vk_check(vkQueueSubmit(context_->queue(), 1, &submit, fence), "vkQueueSubmit (window frame)");

  VkPresentInfoKHR present{};
  present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &signal;
  present.swapchainCount = 1;
  present.pSwapchains = &swapchain_;
  present.pImageIndices = &image_index;
  const Clock::time_point present_start = Clock::now();
  const VkResult presented = vkQueuePresentKHR(context_->queue(), &present);
  result.waits.hand_over += Clock::now() - present_start;
  if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR) {
    // The window changed size; the next frame uses a new swapchain.
    swapchain_stale_ = true;
  } else {
    render::vk_check(presented, "vkQueuePresentKHR");
  }
  return result;
}

void WindowDisplay::set_mirror(MirrorSink sink, std::chrono::milliseconds interval) {
  mirror_->set_sink(std::move(sink), interval);
}

void WindowDisplay::request_exit() { glfwSetWindowShouldClose(window_.handle, GLFW_TRUE); }

}  // namespace stillwater::display
