#include "app/session_loop.hpp"

#include "app/exit_status.hpp"
#include "core/comfort.hpp"
#include "core/png_file.hpp"
#include "core/program_clock.hpp"
#include "core/stop_signal.hpp"
#include "display/openxr_display.hpp"
#include "display/window_display.hpp"
#include "render/renderer.hpp"
#include "render/vk_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <functional>
#include <string>
#include <thread>

namespace stillwater::app {

namespace {

using Clock = std::chrono::steady_clock;

// Returns the picture's level at `elapsed_s` into a session of `length_s`,
// rising from black over the fade-in and falling to black over the fade-out.
// Short demonstration sessions scale both fades to a quarter of the length.
float session_fade(double elapsed_s, double length_s, const core::ComfortSettings& comfort) {
  const double fade_in = std::min<double>(comfort.fade_in_s, length_s / 4.0);
  const double fade_out = std::min<double>(comfort.fade_out_s, length_s / 4.0);
  const double rise = std::clamp(elapsed_s / fade_in, 0.0, 1.0);
  const double fall = std::clamp((length_s - elapsed_s) / fade_out, 0.0, 1.0);
  return static_cast<float>(std::min(rise, fall));
}

using DisplayFactory = std::function<std::unique_ptr<display::Display>()>;

// The display and the renderer that draws into it, built and torn down
// together: the renderer's Vulkan objects belong to the display's device.
struct Output {
  std::unique_ptr<display::Display> display;
  std::unique_ptr<render::Renderer> renderer;

  Output(const DisplayFactory& factory, display::MirrorSink mirror, const std::optional<scene::Scene>& place)
      : display(factory()),
        renderer(std::make_unique<render::Renderer>(display->context(), display->target_format())) {
    display->set_render_pass(renderer->render_pass());
    if (place) {
      renderer->set_scene(*place);
    }
    if (mirror) {
      display->set_mirror(std::move(mirror), std::chrono::milliseconds(250));
    }
  }

  ~Output() {
    // The renderer's pipelines must go before the device they were made on,
    // and only once the GPU has finished the frames that used them.
    if (const VkResult result = vkDeviceWaitIdle(display->context().device()); result != VK_SUCCESS) {
      spdlog::warn("vkDeviceWaitIdle before ending the display failed with {}", render::vk_result_name(result));
    }
    renderer.reset();
    display.reset();
  }

  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
};

DisplayFactory headset_factory(bool validation) {
  return [validation] { return std::make_unique<display::OpenXrDisplay>(validation); };
}

DisplayFactory screen_factory(const SessionLoopOptions& options) {
  display::WindowOptions window;
  window.fullscreen = options.fullscreen;
  window.validation = options.validation;
  return [window] { return std::make_unique<display::WindowDisplay>(window); };
}

}  // namespace

int run_session_loop(const SessionLoopOptions& options) {
  // The picture kept is the last one before the middle of the session,
  // when the fades leave the place at full light.
  const auto start = Clock::now();
  core::Rgba8Image last_mirror;
  display::MirrorSink mirror;
  if (!options.mirror_out.empty()) {
    mirror = [&last_mirror, &options, start](core::Rgba8Image&& picture) {
      if (std::chrono::duration<double>(Clock::now() - start).count() <= options.length_s / 2.0) {
        last_mirror = std::move(picture);
      }
    };
  }

  // The headset first; without one, the screen, unless the nurse asked for
  // the headset only.
  DisplayFactory factory = options.screen ? screen_factory(options) : headset_factory(options.validation);
  std::unique_ptr<Output> output;
  try {
    try {
      output = std::make_unique<Output>(factory, mirror, options.scene);
    } catch (const xr::RuntimeUnavailable& error) {
      if (options.headset_only) {
        throw;
      }
      spdlog::warn("{}; showing the session on the screen instead", error.what());
      factory = screen_factory(options);
      output = std::make_unique<Output>(factory, mirror, options.scene);
    }
  } catch (const xr::RuntimeUnavailable& error) {
    return report_failure(error.what());
  } catch (const display::ScreenUnavailable& error) {
    return report_failure(error.what());
  }
  spdlog::info("Session display: {}", output->display->name());

  core::ComfortSettings comfort = options.scene ? options.scene->comfort : core::ComfortSettings{};
  comfort.mono_view = comfort.mono_view || options.mono;
  comfort.recline_deg = options.recline_deg;
  spdlog::info("Session starting: {:.0f} s, fade in {:.0f} s, fade out {:.0f} s", options.length_s,
               std::min<double>(comfort.fade_in_s, options.length_s / 4.0),
               std::min<double>(comfort.fade_out_s, options.length_s / 4.0));

  bool exit_requested = false;
  int retries = 0;
  std::uint64_t frames = 0;
  bool was_worn = true;

  while (true) {
    if (core::stop_requested() && !exit_requested) {
      spdlog::info("Stop requested by signal; ending the session");
      output->display->request_exit();
      exit_requested = true;
    }

    const display::DisplayStatus status = output->display->poll_events(std::chrono::milliseconds(20));
    if (status.exit_requested) {
      break;
    }

    if (status.session_lost) {
      if (retries >= options.max_retries) {
        return report_failure(fmt::format("the headset session was lost {} times; giving up", retries + 1));
      }
      const double delay = std::min(options.max_retry_delay_s, std::pow(2.0, retries));
      ++retries;
      spdlog::warn("Headset session lost; rebuilding it in {:.0f} s (attempt {} of {})", delay, retries,
                   options.max_retries);
      output.reset();
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      try {
        output = std::make_unique<Output>(factory, mirror, options.scene);
      } catch (const std::exception& error) {
        spdlog::error("Rebuilding the headset session failed: {}", error.what());
        return report_failure(error.what());
      }
      continue;
    }

    if (status.headset_worn != was_worn && frames > 0) {
      spdlog::info("Headset {}", status.headset_worn ? "worn again" : "not worn");
    }
    was_worn = status.headset_worn;

    if (!status.frames_wanted) {
      continue;
    }

    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const bool frames_done = options.max_frames > 0 && frames >= options.max_frames;
    if ((elapsed >= options.length_s || frames_done) && !exit_requested) {
      spdlog::info("Session {} reached; ending the session", frames_done ? "frame count" : "length");
      output->display->request_exit();
      exit_requested = true;
    }

    render::FrameState frame;
    frame.sky.time_s = static_cast<float>(elapsed) * core::motion_scale(comfort.motion);
    frame.scene.time_s = static_cast<float>(elapsed);
    frame.scene.motion = comfort.motion;
    frame.scene.recline_deg = comfort.recline_deg;
    frame.comfort.fade = session_fade(elapsed, options.length_s, comfort);
    frame.comfort.brightness = comfort.brightness;
    frame.comfort.warm_colour = comfort.warm_colour;

    const render::Renderer& renderer = *output->renderer;
    display::FrameOptions frame_options;
    frame_options.mono = comfort.mono_view;
    const auto result = output->display->render_frame(
        [&](VkCommandBuffer commands, const render::FrameTarget& target, const render::View& view, std::uint32_t) {
          if (options.grey_test_pattern) {
            renderer.record_solid(commands, target, glm::vec4(0.5F, 0.5F, 0.5F, 1.0F));
            return;
          }
          renderer.record_view(commands, target, render::posture_view(view, comfort.recline_deg, 0.0F), frame);
        },
        frame_options);
    if (result.rendered) {
      if (frames == 0) {
        spdlog::info("First frame submitted after {:.3f} s", core::seconds_since_program_start());
      }
      ++frames;
    }
  }

  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const std::uint32_t validation_problems = output->display->context().validation_report().total();
  spdlog::info("Session ended after {:.1f} s and {} frames", elapsed, frames);
  std::printf("Session ended after %.1f s: %llu frames shown on the %s\n", elapsed,
              static_cast<unsigned long long>(frames), std::string(output->display->name()).c_str());
  if (!options.mirror_out.empty()) {
    if (last_mirror.pixels.empty()) {
      return report_failure("no mirror picture was captured; the session showed no frames");
    }
    core::write_png(options.mirror_out, last_mirror);
    std::printf("Wrote the mirror picture from the middle of the session to %s\n", options.mirror_out.c_str());
  }
  if (validation_problems > 0) {
    return report_failure(fmt::format("Vulkan validation reported {} problem(s) during the session", validation_problems));
  }
  return kExitSuccess;
}

}  // namespace stillwater::app
