#include "display/openxr_display.hpp"

#include "render/resources.hpp"
#include "render/view.hpp"
#include "render/vk_check.hpp"
#include "xr/xr_check.hpp"

#include <fmt/format.h>
#include <openxr/openxr_reflection.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <thread>
#include <utility>

namespace stillwater::display {

namespace {

// Maximum events handled in one poll. A flood of events from the runtime
// then cannot hold up the frame loop, and the rest wait for the next frame.
constexpr int kMaxEventsPerPoll = 64;

const char* state_name(XrSessionState state) {
  switch (state) {
#define STILLWATER_XR_STATE_CASE(name, value) \
  case name:                                  \
    return #name;
    XR_LIST_ENUM_XrSessionState(STILLWATER_XR_STATE_CASE)
#undef STILLWATER_XR_STATE_CASE
    default:
      return "XR_SESSION_STATE_(unknown)";
  }
}

glm::quat to_glm(const XrQuaternionf& q) { return {q.w, q.x, q.y, q.z}; }
glm::vec3 to_glm(const XrVector3f& v) { return {v.x, v.y, v.z}; }

using Clock = std::chrono::steady_clock;

}  // namespace

OpenXrDisplay::OpenXrDisplay(bool validation)
    : instance_(std::make_unique<xr::Instance>()),
      context_(std::make_unique<render::Context>(instance_->vulkan_context_options(validation))) {
  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = context_->queue_family();
  VkCommandPool pool = VK_NULL_HANDLE;
  render::vk_check(vkCreateCommandPool(context_->device(), &pool_info, nullptr, &pool),
                   "vkCreateCommandPool (headset frames)");
  command_pool_ = render::UniqueCommandPool(context_->device(), pool);
  context_->set_name(pool, "headset frame command pool");

  for (std::size_t index = 0; index < slots_.size(); ++index) {
    VkCommandBufferAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    allocate.commandPool = pool;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    render::vk_check(vkAllocateCommandBuffers(context_->device(), &allocate, &slots_[index].commands),
                     "vkAllocateCommandBuffers (headset frame)");
    context_->set_name(slots_[index].commands, fmt::format("headset frame commands {}", index));

    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fence_info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence = VK_NULL_HANDLE;
    render::vk_check(vkCreateFence(context_->device(), &fence_info, nullptr, &fence), "vkCreateFence (headset frame)");
    slots_[index].fence = render::UniqueFence(context_->device(), fence);
    context_->set_name(fence, fmt::format("headset frame fence {}", index));
  }

  mirror_ = std::make_unique<MirrorCapture>(*context_, slots_.size());

  // The destructor does not run when the constructor throws, so a session
  // that fails half-way is destroyed here, before the Vulkan device goes.
  try {
    create_session();
  } catch (...) {
    destroy_session();
    throw;
  }
}

OpenXrDisplay::~OpenXrDisplay() { destroy_session(); }

render::TargetFormat OpenXrDisplay::target_format() const {
  render::TargetFormat format;
  format.colour = swapchain_format_;
  format.depth = render::choose_depth_format(*context_);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  if (depth_plan_.submits_depth()) {
    // The resolve needs the multisampled depth in the swapchain's format.
    format.depth = depth_plan_.format;
    format.depth_resolve = depth_plan_.resolve;
  }
  // The runtime reads released images in this layout.
  format.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  return format;
}

void OpenXrDisplay::create_session() {
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = context_->instance();
  binding.physicalDevice = context_->physical_device();
  binding.device = context_->device();
  binding.queueFamilyIndex = context_->queue_family();
  binding.queueIndex = 0;

  XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
  info.next = &binding;
  info.systemId = instance_->system();
  xr::xr_check(xrCreateSession(instance_->handle(), &info, &session_), "xrCreateSession");
  state_ = XR_SESSION_STATE_UNKNOWN;
  spdlog::info("OpenXR session created");

  XrReferenceSpaceCreateInfo space_info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  space_info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  space_info.poseInReferenceSpace.orientation.w = 1.0F;
  xr::xr_check(xrCreateReferenceSpace(session_, &space_info, &space_), "xrCreateReferenceSpace (LOCAL)");

  create_swapchains();
}

void OpenXrDisplay::create_swapchains() {
  std::uint32_t count = 0;
  xr::xr_check(xrEnumerateViewConfigurationViews(instance_->handle(), instance_->system(),
                                                 XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count, nullptr),
               "xrEnumerateViewConfigurationViews (primary stereo)");
  view_configurations_.assign(count, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
  xr::xr_check(xrEnumerateViewConfigurationViews(instance_->handle(), instance_->system(),
                                                 XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count, &count,
                                                 view_configurations_.data()),
               "xrEnumerateViewConfigurationViews (primary stereo)");

  const auto offered = xr::enumerate_swapchain_formats(session_);
  std::string offered_names;
  for (const auto format : offered) {
    offered_names += (offered_names.empty() ? "" : ", ") + render::format_name(static_cast<VkFormat>(format));
  }
  swapchain_format_ = xr::choose_swapchain_format(offered);
  spdlog::info("OpenXR swapchain formats offered: {}; chosen: {}", offered_names,
               render::format_name(swapchain_format_));

  depth_plan_ = xr::plan_depth_layer(instance_->has_extension(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME), offered,
                                     xr::query_device_depth_support(*context_));
  if (depth_plan_.submits_depth()) {
    spdlog::info("OpenXR depth layer: {} depth swapchain per eye, 4x depth resolved with {}, near {} m, far {} m",
                 render::format_name(depth_plan_.format), render::resolve_mode_name(depth_plan_.resolve),
                 render::kNearPlaneM, render::kFarPlaneM);
  } else {
    spdlog::info("OpenXR depth layer: depth is not sent, because {}", depth_plan_.reason);
  }

  for (std::uint32_t eye = 0; eye < count; ++eye) {
    const auto& view = view_configurations_[eye];
    const VkExtent2D extent{view.recommendedImageRectWidth, view.recommendedImageRectHeight};
    spdlog::info("OpenXR view {}: {}x{} recommended, {}x{} maximum", eye, extent.width, extent.height,
                 view.maxImageRectWidth, view.maxImageRectHeight);
    swapchains_.push_back(
        std::make_unique<xr::Swapchain>(session_, *context_, swapchain_format_, extent, eye, depth_plan_.format));
  }

  if (render_pass_ != VK_NULL_HANDLE) {
    set_render_pass(render_pass_);
  }
}

void OpenXrDisplay::set_render_pass(VkRenderPass render_pass) {
  render_pass_ = render_pass;
  for (auto& swapchain : swapchains_) {
    swapchain->create_targets(render_pass, target_format());
  }
}

void OpenXrDisplay::destroy_session() {
  if (session_ == XR_NULL_HANDLE) {
    return;
  }
  // The GPU may still read swapchain images of the last frame.
  if (const VkResult result = vkDeviceWaitIdle(context_->device()); result != VK_SUCCESS) {
    spdlog::warn("vkDeviceWaitIdle before destroying the OpenXR session failed with {}",
                 render::vk_result_name(result));
  }
  swapchains_.clear();
  if (space_ != XR_NULL_HANDLE) {
    if (const XrResult result = xrDestroySpace(space_); XR_FAILED(result)) {
      spdlog::warn("xrDestroySpace failed with {}", xr::xr_result_name(result));
    }
    space_ = XR_NULL_HANDLE;
  }
  if (const XrResult result = xrDestroySession(session_); XR_FAILED(result)) {
    spdlog::warn("xrDestroySession failed with {}", xr::xr_result_name(result));
  }
  session_ = XR_NULL_HANDLE;
  session_running_ = false;
  spdlog::info("OpenXR session destroyed");
}

void OpenXrDisplay::handle_state_change(XrSessionState state) {
  spdlog::info("OpenXR session state: {} -> {}", state_name(state_), state_name(state));
  state_ = state;

  switch (state) {
    case XR_SESSION_STATE_READY: {
      XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
      begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
      xr::xr_check(xrBeginSession(session_, &begin), "xrBeginSession");
      session_running_ = true;
      break;
    }
    case XR_SESSION_STATE_STOPPING:
      // The headset was taken off or the runtime wants the session paused:
      // end it once and acquire no more images until READY comes again.
      session_running_ = false;
      xr::xr_check(xrEndSession(session_), "xrEndSession");
      break;
    case XR_SESSION_STATE_LOSS_PENDING:
      spdlog::error("OpenXR session loss pending; tearing the session down");
      destroy_session();
      session_lost_ = true;
      break;
    case XR_SESSION_STATE_EXITING:
      destroy_session();
      exit_requested_ = true;
      break;
    default:
      break;
  }
}

bool OpenXrDisplay::poll_one_event() {
  XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
  const XrResult result = xr::xr_check(xrPollEvent(instance_->handle(), &event), "xrPollEvent");
  if (result == XR_EVENT_UNAVAILABLE) {
    return false;
  }

  switch (event.type) {
    case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
      const auto& changed = *reinterpret_cast<const XrEventDataSessionStateChanged*>(&event);
      if (changed.session == session_ && session_ != XR_NULL_HANDLE) {
        handle_state_change(changed.state);
      }
      break;
    }
    case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
      spdlog::error("OpenXR instance loss pending; tearing the session down");
      destroy_session();
      session_lost_ = true;
      break;
    case XR_TYPE_EVENT_DATA_EVENTS_LOST:
      lost_events_ += reinterpret_cast<const XrEventDataEventsLost*>(&event)->lostEventCount;
      break;
    case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
      spdlog::info("OpenXR reference space change pending");
      break;
    default:
      break;
  }
  return true;
}

DisplayStatus OpenXrDisplay::poll_events(std::chrono::milliseconds idle_wait) {
  if (!session_lost_ && !exit_requested_) {
    int handled = 0;
    while (handled < kMaxEventsPerPoll && !session_lost_ && poll_one_event()) {
      ++handled;
    }
    // Counted rather than logged one by one: a flood would fill the log.
    if (lost_events_ > 0) {
      spdlog::warn("OpenXR runtime dropped {} event(s) from a full queue", lost_events_);
      lost_events_ = 0;
    }
    if (!session_running_ && !session_lost_ && !exit_requested_ && handled == 0) {
      // OpenXR has no blocking event wait; sleeping keeps an idle session
      // from spinning a core while it waits for READY.
      std::this_thread::sleep_for(idle_wait);
    }
  }

  DisplayStatus status;
  status.frames_wanted = session_running_ && !session_lost_;
  status.headset_worn = state_ == XR_SESSION_STATE_FOCUSED;
  status.exit_requested = exit_requested_;
  status.session_lost = session_lost_;
  return status;
}

FrameResult OpenXrDisplay::render_frame(const DrawView& draw, const FrameOptions& options) {
  if (!session_running_) {
    return {};
  }
  try {
    const Clock::time_point wait_start = Clock::now();
    XrFrameWaitInfo wait_info{XR_TYPE_FRAME_WAIT_INFO};
    XrFrameState frame_state{XR_TYPE_FRAME_STATE};
    xr::xr_check(xrWaitFrame(session_, &wait_info, &frame_state), "xrWaitFrame");
    XrFrameBeginInfo begin_info{XR_TYPE_FRAME_BEGIN_INFO};
    xr::xr_check(xrBeginFrame(session_, &begin_info), "xrBeginFrame");
    const Clock::duration frame_timing = Clock::now() - wait_start;

    if (frame_state.shouldRender == XR_FALSE) {
      end_frame(frame_state.predictedDisplayTime, {});
      return {};
    }
    FrameResult result = render_views(frame_state.predictedDisplayTime, draw, options);
    result.waits.frame_timing = frame_timing;
    return result;
  } catch (const core::ApiError& error) {
    // A runtime failure mid-session ends this session; the caller builds a
    // new one after a pause instead of leaving the headset frozen.
    spdlog::error("OpenXR frame failed: {}; ending the session", error.what());
    destroy_session();
    session_lost_ = true;
    return {};
  }
}

FrameResult OpenXrDisplay::render_views(XrTime display_time, const DrawView& draw, const FrameOptions& options) {
  XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
  locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  locate.displayTime = display_time;
  locate.space = space_;
  XrViewState view_state{XR_TYPE_VIEW_STATE};
  std::vector<XrView> xr_views(swapchains_.size(), {XR_TYPE_VIEW});
  std::uint32_t count = 0;
  xr::xr_check(xrLocateViews(session_, &locate, &view_state, static_cast<std::uint32_t>(xr_views.size()), &count,
                             xr_views.data()),
               "xrLocateViews");

  const bool tracked = (view_state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) != 0 &&
                       (view_state.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) != 0;
  if (!tracked || count != swapchains_.size()) {
    // Without a pose there is nothing correct to show: submit no layer, and
    // the runtime shows its own calm fallback instead of a wrong view.
    end_frame(display_time, {});
    return {};
  }

  const std::size_t slot_index = next_slot_;
  FrameSlot& slot = slots_[slot_index];
  next_slot_ = (next_slot_ + 1) % slots_.size();
  const VkFence fence = slot.fence.get();
  const Clock::time_point gpu_wait_start = Clock::now();
  render::vk_check(vkWaitForFences(context_->device(), 1, &fence, VK_TRUE, UINT64_MAX),
                   "vkWaitForFences (headset frame)");
  const Clock::duration gpu_wait = Clock::now() - gpu_wait_start;
  mirror_->deliver(slot_index);
  render::vk_check(vkResetFences(context_->device(), 1, &fence), "vkResetFences (headset frame)");
  render::vk_check(vkResetCommandBuffer(slot.commands, 0), "vkResetCommandBuffer (headset frame)");

  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  render::vk_check(vkBeginCommandBuffer(slot.commands, &begin), "vkBeginCommandBuffer (headset frame)");

  FrameResult result;
  result.rendered = true;
  result.waits.gpu = gpu_wait;
  std::vector<XrCompositionLayerProjectionView> projection_views(count, {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW});
  // Chained to the projection views, so they live until xrEndFrame.
  std::vector<XrCompositionLayerDepthInfoKHR> depth_infos(count, {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR});
  const bool mirror_due = mirror_->due();
  for (std::uint32_t eye = 0; eye < count; ++eye) {
    // In mono view both eyes get the first eye's picture and the layer gives
    // both the first eye's pose, so the compositor shows one image to each eye.
    const XrView& source = options.mono ? xr_views[0] : xr_views[eye];
    render::View view;
    view.orientation = to_glm(source.pose.orientation);
    view.position = to_glm(source.pose.position);
    view.fov = {source.fov.angleLeft, source.fov.angleRight, source.fov.angleUp, source.fov.angleDown};
    result.views.push_back(view);

    const Clock::time_point acquire_start = Clock::now();
    const render::FrameTarget& target = swapchains_[eye]->acquire();
    result.waits.hand_over += Clock::now() - acquire_start;
    draw(slot.commands, target, view, eye);
    if (eye == 0 && mirror_due) {
      mirror_->record(slot.commands, slot_index, swapchains_[0]->acquired_image(), swapchain_format_,
                      target.extent(), VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    }

    projection_views[eye].pose = source.pose;
    projection_views[eye].fov = source.fov;
    projection_views[eye].subImage.swapchain = swapchains_[eye]->handle();
    projection_views[eye].subImage.imageRect.extent = {static_cast<std::int32_t>(target.extent().width),
                                                       static_cast<std::int32_t>(target.extent().height)};

    if (depth_plan_.submits_depth()) {
      // Depth 0 at the near plane to 1 at the far plane: the projection
      // every pass draws with.
      XrCompositionLayerDepthInfoKHR& depth = depth_infos[eye];
      depth.subImage.swapchain = swapchains_[eye]->depth_handle();
      depth.subImage.imageRect = projection_views[eye].subImage.imageRect;
      depth.minDepth = 0.0F;
      depth.maxDepth = 1.0F;
      depth.nearZ = render::kNearPlaneM;
      depth.farZ = render::kFarPlaneM;
      projection_views[eye].next = &depth;
    }
  }

  render::vk_check(vkEndCommandBuffer(slot.commands), "vkEndCommandBuffer (headset frame)");
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &slot.commands;
  render::vk_check(vkQueueSubmit(context_->queue(), 1, &submit, fence), "vkQueueSubmit (headset frame)");

  const Clock::time_point release_start = Clock::now();
  for (auto& swapchain : swapchains_) {
    swapchain->release();
  }
  end_frame(display_time, projection_views);
  result.waits.hand_over += Clock::now() - release_start;
  return result;
}

void OpenXrDisplay::end_frame(XrTime display_time, const std::vector<XrCompositionLayerProjectionView>& views) {
  XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  layer.space = space_;
  layer.viewCount = static_cast<std::uint32_t>(views.size());
  layer.views = views.data();
  const auto* layer_header = reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer);

  XrFrameEndInfo info{XR_TYPE_FRAME_END_INFO};
  info.displayTime = display_time;
  info.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  info.layerCount = views.empty() ? 0 : 1;
  info.layers = views.empty() ? nullptr : &layer_header;
  xr::xr_check(xrEndFrame(session_, &info), "xrEndFrame");
}

void OpenXrDisplay::set_mirror(MirrorSink sink, std::chrono::milliseconds interval) {
  mirror_->set_sink(std::move(sink), interval);
}

void OpenXrDisplay::request_exit() {
  if (session_running_) {
    xr::xr_check(xrRequestExitSession(session_), "xrRequestExitSession");
    return;
  }
  // Before READY the session was never begun, so xrRequestExitSession is not
  // allowed; destroying the session is the clean end.
  destroy_session();
  exit_requested_ = true;
}

}  // namespace stillwater::display
