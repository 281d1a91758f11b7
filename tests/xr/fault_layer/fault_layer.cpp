// An OpenXR API layer that provokes what Monado's simulated headset never
// does on its own: session loss, runtime failures, the headset being taken
// off and put back, event floods and unusable swapchain formats. It also
// reports what the application submits, for checks the runtime does not
// make. Tests load it through XR_API_LAYER_PATH and XR_ENABLE_API_LAYERS and
// choose faults in STILLWATER_XR_FAULTS, a comma-separated list of key=value:
//
//   loss_pending_at_frame=N        queue SESSION_STATE_LOSS_PENDING after frame N
//   session_lost_at_frame=N        xrEndFrame of frame N returns XR_ERROR_SESSION_LOST
//   end_frame_failure_at_frame=N   xrEndFrame of frame N returns XR_ERROR_RUNTIME_FAILURE
//   headset_off_at_frame=N         after frame N: FOCUSED -> VISIBLE -> SYNCHRONIZED -> STOPPING,
//   headset_off_polls=K            then after K event polls: IDLE -> READY -> ... -> FOCUSED
//   event_flood_at_frame=N         after frame N queue event_flood_count events
//   event_flood_count=C
//   formats=srgb_only|bgra_srgb_only|unusable|no_depth   filter xrEnumerateSwapchainFormats
//                                  (no_depth removes the depth formats and keeps the rest)
//   slow_wait_frame_at_frame=N     the first xrWaitFrame after frame N sleeps
//   slow_wait_frame_ms=M           M milliseconds before the runtime's own wait
//   hold_ready=1                   never deliver READY
//   report_views=1                 print once whether the two projection views of
//                                  a frame share pose and field of view (mono)
//   report_depth=1                 check the XrCompositionLayerDepthInfoKHR chained to each
//                                  projection view of every frame, and print a summary when
//                                  the session is destroyed
//
// Frames are counted over the whole process; each fault fires once, so a
// session rebuilt after a fault runs normally.

#include "loader_interface.hpp"

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr_platform.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr const char* kLayerName = "XR_APILAYER_STILLWATER_fault_injection";

struct Settings {
  std::map<std::string, std::string> values;

  long number(const std::string& key) const {
    const auto found = values.find(key);
    return found == values.end() ? -1 : std::strtol(found->second.c_str(), nullptr, 10);
  }
  std::string text(const std::string& key) const {
    const auto found = values.find(key);
    return found == values.end() ? std::string() : found->second;
  }
};

Settings read_settings() {
  Settings settings;
  const char* raw = std::getenv("STILLWATER_XR_FAULTS");
  std::string list = raw != nullptr ? raw : "";
  std::size_t start = 0;
  while (start < list.size()) {
    const std::size_t end = list.find(',', start) == std::string::npos ? list.size() : list.find(',', start);
    const std::string item = list.substr(start, end - start);
    if (const auto equals = item.find('='); equals != std::string::npos) {
      settings.values[item.substr(0, equals)] = item.substr(equals + 1);
    }
    start = end + 1;
  }
  return settings;
}

struct State {
  std::mutex mutex;
  Settings settings = read_settings();
  PFN_xrGetInstanceProcAddr next_get_proc = nullptr;
  XrSession session = XR_NULL_HANDLE;
  long frames = 0;
  std::deque<XrEventDataBuffer> injected;
  std::map<std::string, bool> fired;
  bool headset_off = false;
  long off_polls = 0;
  bool waiting_for_begin = false;

  struct SwapchainInfo {
    int64_t format = 0;
    uint32_t width = 0;
    uint32_t height = 0;
    XrSwapchainUsageFlags usage = 0;
  };
  std::map<XrSwapchain, SwapchainInfo> swapchains;
  // Projection layers seen, those whose every view carried valid depth, and
  // the first depth info described in words.
  long projection_frames = 0;
  long depth_frames = 0;
  std::string first_depth;
};

State& state() {
  static State instance;
  return instance;
}

void log(const char* message) { std::fprintf(stderr, "[fault layer] %s\n", message); }

XrInstance g_instance = XR_NULL_HANDLE;

// The next layer's or the runtime's implementation of `name`.
template <typename Function>
Function next(const char* name) {
  PFN_xrVoidFunction function = nullptr;
  state().next_get_proc(g_instance, name, &function);
  return reinterpret_cast<Function>(function);
}

bool fire_once(const std::string& key, long frame) {
  State& s = state();
  const long at = s.settings.number(key);
  if (at < 0 || frame < at || s.fired[key]) {
    return false;
  }
  s.fired[key] = true;
  return true;
}

void queue_state(XrSessionState session_state) {
  XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
  auto* changed = reinterpret_cast<XrEventDataSessionStateChanged*>(&buffer);
  changed->type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  changed->next = nullptr;
  changed->session = state().session;
  changed->state = session_state;
  changed->time = 0;
  state().injected.push_back(buffer);
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info,
                                                     XrSession* session) {
  const XrResult result = next<PFN_xrCreateSession>("xrCreateSession")(instance, info, session);
  if (XR_SUCCEEDED(result)) {
    std::lock_guard lock(state().mutex);
    state().session = *session;
    state().injected.clear();
    state().headset_off = false;
    state().waiting_for_begin = false;
  }
  return result;
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrPollEvent(XrInstance instance, XrEventDataBuffer* event) {
  State& s = state();
  {
    std::lock_guard lock(s.mutex);
    if (s.headset_off && !s.waiting_for_begin && s.injected.empty() &&
        ++s.off_polls >= std::max(1L, s.settings.number("headset_off_polls"))) {
      log("headset put back on: IDLE -> READY");
      queue_state(XR_SESSION_STATE_IDLE);
      queue_state(XR_SESSION_STATE_READY);
      s.waiting_for_begin = true;
    }
    if (!s.injected.empty()) {
      *event = s.injected.front();
      s.injected.pop_front();
      return XR_SUCCESS;
    }
  }

  while (true) {
    const XrResult result = next<PFN_xrPollEvent>("xrPollEvent")(instance, event);
    if (result != XR_SUCCESS || s.settings.text("hold_ready") != "1" ||
        event->type != XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED ||
        reinterpret_cast<XrEventDataSessionStateChanged*>(event)->state != XR_SESSION_STATE_READY) {
      return result;
    }
    log("withholding READY");
  }
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrBeginSession(XrSession session, const XrSessionBeginInfo* info) {
  {
    std::lock_guard lock(state().mutex);
    if (state().headset_off) {
      // The runtime's own session never stopped; only the application saw it stop.
      state().headset_off = false;
      state().waiting_for_begin = false;
      queue_state(XR_SESSION_STATE_SYNCHRONIZED);
      queue_state(XR_SESSION_STATE_VISIBLE);
      queue_state(XR_SESSION_STATE_FOCUSED);
      return XR_SUCCESS;
    }
  }
  return next<PFN_xrBeginSession>("xrBeginSession")(session, info);
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrEndSession(XrSession session) {
  {
    std::lock_guard lock(state().mutex);
    if (state().headset_off) {
      return XR_SUCCESS;
    }
  }
  return next<PFN_xrEndSession>("xrEndSession")(session);
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrCreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info,
                                                       XrSwapchain* swapchain) {
  const XrResult result = next<PFN_xrCreateSwapchain>("xrCreateSwapchain")(session, info, swapchain);
  if (XR_SUCCEEDED(result)) {
    std::lock_guard lock(state().mutex);
    state().swapchains[*swapchain] = State::SwapchainInfo{info->format, info->width, info->height, info->usageFlags};
  }
  return result;
}

const XrCompositionLayerDepthInfoKHR* find_depth_info(const XrCompositionLayerProjectionView& view) {
  for (const auto* item = static_cast<const XrBaseInStructure*>(view.next); item != nullptr; item = item->next) {
    if (item->type == XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) {
      return reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(item);
    }
  }
  return nullptr;
}

// Whether `depth` is what the extension allows for `view`: a depth
// swapchain covering the colour rectangle, a depth range inside [0, 1] and
// positive, distinct near and far distances.
bool valid_depth(const XrCompositionLayerProjectionView& view, const XrCompositionLayerDepthInfoKHR& depth) {
  const auto found = state().swapchains.find(depth.subImage.swapchain);
  if (found == state().swapchains.end() ||
      (found->second.usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) == 0) {
    return false;
  }
  const XrRect2Di& rect = depth.subImage.imageRect;
  const XrRect2Di& colour = view.subImage.imageRect;
  const bool same_rect = rect.offset.x == colour.offset.x && rect.offset.y == colour.offset.y &&
                         rect.extent.width == colour.extent.width && rect.extent.height == colour.extent.height;
  const bool inside = rect.offset.x >= 0 && rect.offset.y >= 0 && rect.extent.width > 0 && rect.extent.height > 0 &&
                      static_cast<uint32_t>(rect.offset.x + rect.extent.width) <= found->second.width &&
                      static_cast<uint32_t>(rect.offset.y + rect.extent.height) <= found->second.height;
  const bool range = depth.minDepth >= 0.0F && depth.maxDepth <= 1.0F && depth.minDepth < depth.maxDepth;
  const bool planes = depth.nearZ > 0.0F && depth.farZ > 0.0F && depth.nearZ != depth.farZ;
  return same_rect && inside && range && planes;
}

void check_depth(const XrFrameEndInfo& info) {
  State& s = state();
  for (uint32_t index = 0; index < info.layerCount; ++index) {
    if (info.layers[index]->type != XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      continue;
    }
    const auto* layer = reinterpret_cast<const XrCompositionLayerProjection*>(info.layers[index]);
    ++s.projection_frames;
    bool every_view = layer->viewCount > 0;
    for (uint32_t view = 0; view < layer->viewCount; ++view) {
      const XrCompositionLayerDepthInfoKHR* depth = find_depth_info(layer->views[view]);
      every_view = every_view && depth != nullptr && valid_depth(layer->views[view], *depth);
      if (depth != nullptr && s.first_depth.empty()) {
        const State::SwapchainInfo swapchain = s.swapchains[depth->subImage.swapchain];
        char text[256];
        std::snprintf(text, sizeof(text),
                      "format %lld, swapchain %ux%u, rect %dx%d, minDepth %g, maxDepth %g, nearZ %g, farZ %g",
                      static_cast<long long>(swapchain.format), swapchain.width, swapchain.height,
                      depth->subImage.imageRect.extent.width, depth->subImage.imageRect.extent.height,
                      static_cast<double>(depth->minDepth), static_cast<double>(depth->maxDepth),
                      static_cast<double>(depth->nearZ), static_cast<double>(depth->farZ));
        s.first_depth = text;
      }
    }
    if (every_view) {
      ++s.depth_frames;
    }
  }
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrDestroySession(XrSession session) {
  {
    std::lock_guard lock(state().mutex);
    State& s = state();
    if (s.settings.text("report_depth") == "1") {
      std::fprintf(stderr, "[fault layer] depth report: %ld projection layers, %ld with valid depth on every view\n",
                   s.projection_frames, s.depth_frames);
      std::fprintf(stderr, "[fault layer] first depth info: %s\n",
                   s.first_depth.empty() ? "none" : s.first_depth.c_str());
    }
  }
  return next<PFN_xrDestroySession>("xrDestroySession")(session);
}

// Stands in for a runtime whose frame pacing holds the program back, as
// Monado's does for a while after frames that took long.
XRAPI_ATTR XrResult XRAPI_CALL layer_xrWaitFrame(XrSession session, const XrFrameWaitInfo* info,
                                                 XrFrameState* frame_state) {
  State& s = state();
  long sleep_ms = 0;
  {
    std::lock_guard lock(s.mutex);
    if (fire_once("slow_wait_frame_at_frame", s.frames)) {
      sleep_ms = std::max(0L, s.settings.number("slow_wait_frame_ms"));
      log("xrWaitFrame sleeps before the runtime's wait");
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
  return next<PFN_xrWaitFrame>("xrWaitFrame")(session, info, frame_state);
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrEndFrame(XrSession session, const XrFrameEndInfo* info) {
  State& s = state();
  long frame = 0;
  {
    std::lock_guard lock(s.mutex);
    frame = ++s.frames;
    if (fire_once("session_lost_at_frame", frame)) {
      log("xrEndFrame returns XR_ERROR_SESSION_LOST");
      return XR_ERROR_SESSION_LOST;
    }
    if (fire_once("end_frame_failure_at_frame", frame)) {
      log("xrEndFrame returns XR_ERROR_RUNTIME_FAILURE");
      return XR_ERROR_RUNTIME_FAILURE;
    }
  }

  if (s.settings.text("report_views") == "1" && frame == 30 && info->layerCount == 1) {
    const auto* layer = reinterpret_cast<const XrCompositionLayerProjection*>(info->layers[0]);
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION && layer->viewCount == 2) {
      const bool same = std::memcmp(&layer->views[0].pose, &layer->views[1].pose, sizeof(XrPosef)) == 0 &&
                        std::memcmp(&layer->views[0].fov, &layer->views[1].fov, sizeof(XrFovf)) == 0;
      log(same ? "projection views identical" : "projection views differ");
    }
  }

  if (s.settings.text("report_depth") == "1") {
    std::lock_guard lock(s.mutex);
    check_depth(*info);
  }

  const XrResult result = next<PFN_xrEndFrame>("xrEndFrame")(session, info);

  std::lock_guard lock(s.mutex);
  if (fire_once("loss_pending_at_frame", frame)) {
    log("queueing LOSS_PENDING");
    queue_state(XR_SESSION_STATE_LOSS_PENDING);
  }
  if (fire_once("headset_off_at_frame", frame)) {
    log("headset taken off: FOCUSED -> VISIBLE -> SYNCHRONIZED -> STOPPING");
    queue_state(XR_SESSION_STATE_VISIBLE);
    queue_state(XR_SESSION_STATE_SYNCHRONIZED);
    queue_state(XR_SESSION_STATE_STOPPING);
    s.headset_off = true;
    s.off_polls = 0;
  }
  if (fire_once("event_flood_at_frame", frame)) {
    const long count = std::max(1L, s.settings.number("event_flood_count"));
    log("queueing an event flood");
    for (long index = 0; index < count; ++index) {
      XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
      auto* lost = reinterpret_cast<XrEventDataEventsLost*>(&buffer);
      lost->type = XR_TYPE_EVENT_DATA_EVENTS_LOST;
      lost->next = nullptr;
      lost->lostEventCount = 1;
      s.injected.push_back(buffer);
    }
  }
  return result;
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrEnumerateSwapchainFormats(XrSession session, uint32_t capacity,
                                                                 uint32_t* count, int64_t* formats) {
  auto enumerate = next<PFN_xrEnumerateSwapchainFormats>("xrEnumerateSwapchainFormats");
  const std::string filter = state().settings.text("formats");
  if (filter.empty()) {
    return enumerate(session, capacity, count, formats);
  }

  std::uint32_t total = 0;
  XrResult result = enumerate(session, 0, &total, nullptr);
  if (XR_FAILED(result)) {
    return result;
  }
  std::vector<int64_t> all(total);
  result = enumerate(session, total, &total, all.data());
  if (XR_FAILED(result)) {
    return result;
  }

  std::vector<int64_t> kept;
  for (const int64_t format : all) {
    const bool srgb = format == VK_FORMAT_R8G8B8A8_SRGB || format == VK_FORMAT_B8G8R8A8_SRGB;
    const bool depth = format == VK_FORMAT_D16_UNORM || format == VK_FORMAT_X8_D24_UNORM_PACK32 ||
                       format == VK_FORMAT_D32_SFLOAT || format == VK_FORMAT_S8_UINT ||
                       format == VK_FORMAT_D16_UNORM_S8_UINT || format == VK_FORMAT_D24_UNORM_S8_UINT ||
                       format == VK_FORMAT_D32_SFLOAT_S8_UINT;
    if ((filter == "no_depth" && !depth) || (filter == "srgb_only" && srgb) || (filter == "bgra_srgb_only" && format == VK_FORMAT_B8G8R8A8_SRGB) ||
        (filter == "unusable" && !srgb && format != VK_FORMAT_R8G8B8A8_UNORM && format != VK_FORMAT_B8G8R8A8_UNORM &&
         format != VK_FORMAT_R16G16B16A16_SFLOAT)) {
      kept.push_back(format);
    }
  }

  *count = static_cast<uint32_t>(kept.size());
  if (capacity == 0) {
    return XR_SUCCESS;
  }
  if (capacity < kept.size()) {
    return XR_ERROR_SIZE_INSUFFICIENT;
  }
  std::memcpy(formats, kept.data(), kept.size() * sizeof(int64_t));
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrGetInstanceProcAddr(XrInstance instance, const char* name,
                                                           PFN_xrVoidFunction* function) {
  const std::map<std::string, PFN_xrVoidFunction> intercepted{
      {"xrGetInstanceProcAddr", reinterpret_cast<PFN_xrVoidFunction>(layer_xrGetInstanceProcAddr)},
      {"xrCreateSession", reinterpret_cast<PFN_xrVoidFunction>(layer_xrCreateSession)},
      {"xrPollEvent", reinterpret_cast<PFN_xrVoidFunction>(layer_xrPollEvent)},
      {"xrBeginSession", reinterpret_cast<PFN_xrVoidFunction>(layer_xrBeginSession)},
      {"xrEndSession", reinterpret_cast<PFN_xrVoidFunction>(layer_xrEndSession)},
      {"xrWaitFrame", reinterpret_cast<PFN_xrVoidFunction>(layer_xrWaitFrame)},
      {"xrEndFrame", reinterpret_cast<PFN_xrVoidFunction>(layer_xrEndFrame)},
      {"xrCreateSwapchain", reinterpret_cast<PFN_xrVoidFunction>(layer_xrCreateSwapchain)},
      {"xrDestroySession", reinterpret_cast<PFN_xrVoidFunction>(layer_xrDestroySession)},
      {"xrEnumerateSwapchainFormats", reinterpret_cast<PFN_xrVoidFunction>(layer_xrEnumerateSwapchainFormats)},
  };
  if (const auto found = intercepted.find(name); found != intercepted.end()) {
    *function = found->second;
    return XR_SUCCESS;
  }
  return state().next_get_proc(instance, name, function);
}

XRAPI_ATTR XrResult XRAPI_CALL layer_xrCreateApiLayerInstance(const XrInstanceCreateInfo* info,
                                                              const XrApiLayerCreateInfo* layer_info,
                                                              XrInstance* instance) {
  if (layer_info == nullptr || layer_info->nextInfo == nullptr ||
      std::strcmp(layer_info->nextInfo->layerName, kLayerName) != 0) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }

  XrApiLayerCreateInfo next_info = *layer_info;
  next_info.nextInfo = layer_info->nextInfo->next;
  const XrResult result = layer_info->nextInfo->nextCreateApiLayerInstance(info, &next_info, instance);
  if (XR_SUCCEEDED(result)) {
    state().next_get_proc = layer_info->nextInfo->nextGetInstanceProcAddr;
    g_instance = *instance;
  }
  return result;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL xrNegotiateLoaderApiLayerInterface(
    const XrNegotiateLoaderInfo* loader_info, const char* layer_name, XrNegotiateApiLayerRequest* request) {
  if (loader_info == nullptr || request == nullptr || loader_info->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      request->structType != XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST ||
      loader_info->minInterfaceVersion > XR_CURRENT_LOADER_API_LAYER_VERSION ||
      loader_info->maxInterfaceVersion < XR_CURRENT_LOADER_API_LAYER_VERSION ||
      (layer_name != nullptr && std::strcmp(layer_name, kLayerName) != 0)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  request->layerInterfaceVersion = XR_CURRENT_LOADER_API_LAYER_VERSION;
  request->layerApiVersion = XR_CURRENT_API_VERSION;
  request->getInstanceProcAddr = layer_xrGetInstanceProcAddr;
  request->createApiLayerInstance = layer_xrCreateApiLayerInstance;
  log("loaded");
  return XR_SUCCESS;
}
