#pragma once

#include "display/display.hpp"
#include "display/mirror_capture.hpp"
#include "render/resources.hpp"
#include "xr/depth_layer.hpp"
#include "xr/swapchain.hpp"
#include "xr/xr_instance.hpp"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace stillwater::display {

// A headset through OpenXR: instance, Vulkan through the runtime, session,
// LOCAL reference space (seated and lying use) and one swapchain per eye.
// Each frame submits one projection layer. When the runtime offers
// XR_KHR_composition_layer_depth and a depth format the device can render
// to, every projection view also carries the eye's resolved depth image.
//
// Session states: READY begins the session. SYNCHRONIZED, VISIBLE and
// FOCUSED run frames, and only FOCUSED counts as the headset being worn.
// STOPPING ends the session once and stops frames. LOSS_PENDING and
// XR_ERROR_SESSION_LOST tear down swapchains and session and report
// session_lost. EXITING reports exit_requested.
class OpenXrDisplay final : public Display {
 public:
  explicit OpenXrDisplay(bool validation);
  ~OpenXrDisplay() override;

  [[nodiscard]] std::string_view name() const override { return "headset"; }
  [[nodiscard]] const render::Context& context() const override { return *context_; }
  [[nodiscard]] render::TargetFormat target_format() const override;

  void set_render_pass(VkRenderPass render_pass) override;
  DisplayStatus poll_events(std::chrono::milliseconds idle_wait) override;
  FrameResult render_frame(const DrawView& draw, const FrameOptions& options) override;
  void set_mirror(MirrorSink sink, std::chrono::milliseconds interval) override;
  void request_exit() override;

  [[nodiscard]] XrSessionState session_state() const { return state_; }

 private:
  struct FrameSlot {
    VkCommandBuffer commands = VK_NULL_HANDLE;
    render::UniqueFence fence;
  };

  void create_session();
  void create_swapchains();
  void destroy_session();
  void handle_state_change(XrSessionState state);
  bool poll_one_event();
  FrameResult render_views(XrTime display_time, const DrawView& draw, const FrameOptions& options);
  void end_frame(XrTime display_time, const std::vector<XrCompositionLayerProjectionView>& views);

  std::unique_ptr<xr::Instance> instance_;
  std::unique_ptr<render::Context> context_;
  render::UniqueCommandPool command_pool_;
  std::array<FrameSlot, 2> slots_{};
  std::size_t next_slot_ = 0;

  XrSession session_ = XR_NULL_HANDLE;
  XrSpace space_ = XR_NULL_HANDLE;
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool session_running_ = false;
  bool exit_requested_ = false;
  bool session_lost_ = false;
  std::uint64_t lost_events_ = 0;
  VkFormat swapchain_format_ = VK_FORMAT_UNDEFINED;
  xr::DepthLayerPlan depth_plan_;
  std::vector<XrViewConfigurationView> view_configurations_;
  std::vector<std::unique_ptr<xr::Swapchain>> swapchains_;
  VkRenderPass render_pass_ = VK_NULL_HANDLE;

  std::unique_ptr<MirrorCapture> mirror_;
};

}  // namespace stillwater::display
