#pragma once

#include "display/display.hpp"
#include "display/mirror_capture.hpp"
#include "render/vk_handle.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <vector>

struct GLFWwindow;

namespace stillwater::display {

// Thrown when there is no screen to open a window on.
class ScreenUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WindowOptions {
  bool fullscreen = false;
  bool validation = false;
  // Window size in screen coordinates when not full screen.
  int width = 1280;
  int height = 720;
};

// The place on a monitor or TV, for patients who cannot wear a headset and
// for previews. Holding the left mouse button and moving the mouse looks
// around slowly; Escape ends the session gently.
class WindowDisplay final : public Display {
 public:
  explicit WindowDisplay(const WindowOptions& options);
  ~WindowDisplay() override;

  [[nodiscard]] std::string_view name() const override { return "screen"; }
  [[nodiscard]] const render::Context& context() const override { return *context_; }
  [[nodiscard]] render::TargetFormat target_format() const override;

  void set_render_pass(VkRenderPass render_pass) override;
  DisplayStatus poll_events(std::chrono::milliseconds idle_wait) override;
  FrameResult render_frame(const DrawView& draw, const FrameOptions& options) override;
  void set_mirror(MirrorSink sink, std::chrono::milliseconds interval) override;
  void request_exit() override;

 private:
  struct FrameSlot {
    VkCommandBuffer commands = VK_NULL_HANDLE;
    render::UniqueFence fence;
    render::UniqueSemaphore image_acquired;
  };

  // Owns the VkSurfaceKHR; destroyed before the instance it belongs to.
  struct Surface {
    VkInstance instance = VK_NULL_HANDLE;
    VkSurfaceKHR handle = VK_NULL_HANDLE;
    ~Surface();
  };

  // The GLFW window, and GLFW itself, ended after everything drawn into it.
  struct Window {
    GLFWwindow* handle = nullptr;
    ~Window();
  };

  void create_swapchain();
  void destroy_swapchain();
  render::View current_view();

  Window window_;
  std::unique_ptr<render::Context> context_;
  std::unique_ptr<Surface> surface_;
  render::UniqueCommandPool command_pool_;
  std::array<FrameSlot, 2> slots_{};
  std::size_t next_slot_ = 0;

  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{};
  std::vector<VkImage> images_;
  std::vector<render::UniqueImageView> views_;
  std::vector<render::UniqueSemaphore> render_finished_;
  std::vector<std::unique_ptr<render::FrameTarget>> targets_;
  VkRenderPass render_pass_ = VK_NULL_HANDLE;
  bool swapchain_stale_ = false;

  std::unique_ptr<MirrorCapture> mirror_;

  // Mouse look, in radians: where the view points and where it is easing to.
  float yaw_ = 0.0F;
  float pitch_ = 0.0F;
  float target_yaw_ = 0.0F;
  float target_pitch_ = 0.0F;
  double last_cursor_x_ = 0.0;
  double last_cursor_y_ = 0.0;
  bool dragging_ = false;
};

}  // namespace stillwater::display
