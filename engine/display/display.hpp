#pragma once

#include "core/image.hpp"
#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/view.hpp"

#include <vulkan/vulkan.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace stillwater::display {

// What the frame loop needs to know from a display after its events.
struct DisplayStatus {
  // Frames must be produced (a running OpenXR session, an open window).
  bool frames_wanted = false;
  // False while the headset is off the patient's head or the runtime has
  // taken focus away; the session pauses itself then.
  bool headset_worn = true;
  // The runtime or the user closed the display; the loop should end.
  bool exit_requested = false;
  // The session was lost and torn down; a new one may come later.
  bool session_lost = false;
};

// Records one complete render pass for `view` into `target`.
using DrawView = std::function<void(VkCommandBuffer commands, const render::FrameTarget& target,
                                    const render::View& view, std::uint32_t view_index)>;

// Receives a small copy of what the patient sees, on the frame loop's
// thread; it must only hand the picture over, never wait.
using MirrorSink = std::function<void(core::Rgba8Image&& picture)>;

struct FrameOptions {
  // Shows the first eye's image to both eyes, for patients with double
  // vision or sight in one eye.
  bool mono = false;
};

// Time one frame spent blocked outside the engine's own work, so a late frame
// can be put down to the display's pacing, the GPU or the engine.
struct FrameWaits {
  // In the display's frame timing: xrWaitFrame and xrBeginFrame for a
  // headset, which block until the runtime wants the next frame.
  std::chrono::steady_clock::duration frame_timing{};
  // For the GPU to finish the earlier frame that used this frame's command
  // buffer.
  std::chrono::steady_clock::duration gpu{};
  // Handing the pictures over: acquiring and releasing swapchain images and
  // xrEndFrame for a headset, acquiring and presenting for a window.
  std::chrono::steady_clock::duration hand_over{};
};

struct FrameResult {
  // Whether the display asked for and got pictures this frame.
  bool rendered = false;
  FrameWaits waits;
  // The views as the display placed them, in its own space; empty when it
  // could not tell (tracking lost).
  std::vector<render::View> views;
};

// A place pictures go: an OpenXR headset, a window or an offscreen image.
// The frame loop, the session controller and audio talk only to this.
class Display {
 public:
  virtual ~Display() = default;

  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual const render::Context& context() const = 0;
  [[nodiscard]] virtual render::TargetFormat target_format() const = 0;

  // Creates the frame targets for the renderer's render pass; called once
  // the renderer exists, and kept for targets the display creates later.
  virtual void set_render_pass(VkRenderPass render_pass) = 0;

  // Handles pending events. While no frames are wanted it waits up to
  // `idle_wait` for one, so an idle display never spins.
  virtual DisplayStatus poll_events(std::chrono::milliseconds idle_wait) = 0;

  // Waits for the display's frame timing, draws each view through `draw`
  // and presents. Call only while frames are wanted.
  virtual FrameResult render_frame(const DrawView& draw, const FrameOptions& options) = 0;

  // Sends a downscaled copy of the first view to `sink` about every
  // `interval`. The copy is read back a frame or two later, so the frame
  // loop never waits for it. An empty sink stops the copies.
  virtual void set_mirror(MirrorSink sink, std::chrono::milliseconds interval) = 0;

  // Asks the display to close; poll_events later reports exit_requested.
  virtual void request_exit() = 0;
};

}  // namespace stillwater::display
