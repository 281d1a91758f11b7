#include "app/session_loop.hpp"

#include "app/exit_status.hpp"
#include "app/frame_state.hpp"
#include "app/loading_thread.hpp"
#include "app/resident_memory.hpp"
#include "app/session_services.hpp"
#include "audio/audio_engine.hpp"
#include "companion/companion_server.hpp"
#include "companion/session_recorder.hpp"
#include "core/comfort.hpp"
#include "core/png_file.hpp"
#include "core/program_clock.hpp"
#include "core/session_controller.hpp"
#include "core/stop_signal.hpp"
#include "display/openxr_display.hpp"
#include "display/window_display.hpp"
#include "records/store.hpp"
#include "render/renderer.hpp"
#include "render/vk_check.hpp"
#include "scene/scene_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <variant>

namespace stillwater::app {

namespace {

using Clock = std::chrono::steady_clock;

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
    renderer->show(place);
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

// The scene for a place's name: the one already loaded, the built-in sea
// (none), or a shipped scene file. No name, before the first place is
// shown, gives none as well.
std::optional<scene::Scene> load_place(const std::string& id, const SessionLoopOptions& options) {
  if (id.empty() || id == kBuiltInSea) {
    return std::nullopt;
  }
  if (id == options.scene_id && options.scene) {
    return options.scene;
  }
  return scene::load_scene(scene::find_scene(id));
}

// The loading thread and the old place leave freed memory in glibc's heaps.
// Unless it is handed back, resident memory creeps up with every change of
// place over a long session. The screen is still black, so the few
// milliseconds this takes are not seen.
void release_heap_after_change() {
  try {
    if (!spdlog::should_log(spdlog::level::debug)) {
      release_free_heap();
      return;
    }
    const auto start = Clock::now();
    const std::int64_t released = release_free_heap();
    const HeapUse heap = heap_use();
    spdlog::debug("Returned {:.2f} MB of free heap to the system in {:.1f} ms; heap now {:.2f} MB reserved, "
                  "{:.2f} MB in use",
                  static_cast<double>(released) / 1e6,
                  std::chrono::duration<double, std::milli>(Clock::now() - start).count(),
                  static_cast<double>(heap.reserved) / 1e6, static_cast<double>(heap.in_use) / 1e6);
  } catch (const std::system_error& error) {
    spdlog::warn("Could not measure the heap returned after the change of place: {}", error.what());
  }
}

void report_silent_place(const std::exception& error) {
  spdlog::error("The place's sounds could not be loaded, so the session continues without sound: {}", error.what());
}

// Decodes and measures a place's sounds, the slow part of loading them (about
// 50 ms for the beach), so a worker thread can do it. A failure leaves the
// session silent, not stopped.
audio::PreparedSoundscape prepare_sounds(const scene::Soundscape& soundscape) {
  try {
    return audio::prepare_soundscape(soundscape);
  } catch (const std::exception& error) {
    report_silent_place(error);
    return {};
  }
}

// Plays a place's prepared sounds in place of the old ones.
void play_sounds(audio::AudioEngine& sound, audio::PreparedSoundscape prepared) {
  try {
    sound.load(std::move(prepared));
  } catch (const std::exception& error) {
    report_silent_place(error);
  }
}

// A place made ready on a worker thread: its scene (none for the built-in
// sea), with the renderer's pipelines for it built, and its sounds decoded.
struct ReadyPlace {
  std::optional<scene::Scene> scene;
  audio::PreparedSoundscape sound;
};

double milliseconds(Clock::duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

// The longest wait between two frames shown in a row while one place was on
// show. Frames the display did not want (headset off, session stopping) break
// the run, so only real hitches count. The first frames after a change of
// place are left out: they wait for the previous place's frames still on the
// GPU, at the bottom of the fade to black. Logged when the place changes and
// at the end, never per frame. Each gap over 100 ms is also logged at debug
// level with what the frame waited for, so a runtime's pacing or a busy GPU
// can be told from a stall of the engine's own work.
class FrameGaps {
 public:
  // `waits` are the blocked times of the frame just shown, which all fall
  // within the gap since the frame before.
  void frame_shown(Clock::time_point now, const display::FrameWaits& waits) {
    ++frames_;
    if (last_ && frames_ > kSettlingFrames) {
      if (now - *last_ > kHitch) {
        spdlog::debug(
            "Frame loop: {:.1f} ms between two frames, of which {:.1f} ms waiting for the display's frame timing, "
            "{:.1f} ms for the GPU and {:.1f} ms handing the frame over",
            milliseconds(now - *last_), milliseconds(waits.frame_timing), milliseconds(waits.gpu),
            milliseconds(waits.hand_over));
      }
      if (now - *last_ > longest_) {
        longest_ = now - *last_;
        longest_at_s_ = core::seconds_since_program_start();
      }
    }
    last_ = now;
  }

  void run_broken() { last_.reset(); }

  // `place` is empty for the black frames before the first place.
  void report_and_reset(const std::string& place) {
    if (!place.empty() && frames_ > kSettlingFrames) {
      spdlog::info("Frames while showing {}: {}, longest gap between frames {:.1f} ms (ending {:.1f} s after start)",
                   place, frames_, milliseconds(longest_), longest_at_s_);
    }
    *this = FrameGaps{};
  }

 private:
  // Frames a runtime keeps in flight at most, as with three swapchain images.
  static constexpr std::uint64_t kSettlingFrames = 3;
  // Gaps longer than this are logged at debug level as they happen.
  static constexpr std::chrono::milliseconds kHitch{100};

  std::optional<Clock::time_point> last_;
  Clock::duration longest_{};
  double longest_at_s_ = 0.0;
  std::uint64_t frames_ = 0;
};

void update_health(LoopHealth& health, const audio::AudioEngine& sound, std::uint64_t frames, double seconds) {
  companion::Health value;
  value.frame_rate_hz = static_cast<double>(frames) / seconds;
  // NOTE: displays do not report their nominal rate yet, so any steady
  // picture counts as healthy; a stall below one frame a second does not.
  value.frame_rate_ok = value.frame_rate_hz >= 1.0;
  const audio::AudioHealth audio_health = sound.health();
  value.audio_ok = audio_health.state == audio::AudioHealthState::ok;
  value.audio_message = value.audio_ok ? std::string() : audio_health.message;
  health.set(value);
}

// The session records of this run, or the message for a failure when the
// records file cannot be used without --wait. Then the session starts at
// once, so no nurse can agree on the page to go on without records.
std::variant<std::unique_ptr<companion::SessionRecorder>, std::string> open_records(
    const SessionLoopOptions& options) {
  if (!options.records) {
    return std::make_unique<companion::SessionRecorder>(
        "Session records are turned off for this run (--without-records).");
  }
  auto opened = records::Store::open(options.records_file, records::Access::sessions);
  if (auto* store = std::get_if<records::Store>(&opened)) {
    return std::make_unique<companion::SessionRecorder>(std::move(*store));
  }

  auto& unavailable = std::get<records::Unavailable>(opened);
  spdlog::error("Records: {}", unavailable.message);
  if (!options.wait_for_start || !options.companion) {
    return fmt::format("{}. To run the session without records, add --without-records", unavailable.message);
  }
  fmt::print(stderr,
             "Session records cannot be kept: {}\nThe companion page asks the nurse whether to run sessions without "
             "records.\n",
             unavailable.message);
  std::fflush(stderr);
  return std::make_unique<companion::SessionRecorder>(std::move(unavailable), false);
}

// Everything that lives beside the display for the whole run: the session
// controller, the companion and its sources, and sound. Members are declared
// so that the server stops before what it reads from goes.
struct SessionServices {
  // Seconds the session clock stands still behind the steady clock: time
  // spent loading a place at black does not count, so no fade or timer
  // jumps past it.
  std::atomic<double> clock_pause_s{0.0};
  // Steady-clock seconds when the place now loading started to load, or a
  // negative value when none is loading. The session clock is paused from
  // then on, too.
  std::atomic<double> load_started_s{-1.0};

  // The session clock: the steady clock less every pause for loading.
  [[nodiscard]] double session_seconds() const {
    const double now_s = core::SessionController::steady_seconds();
    const double loading_since_s = load_started_s.load();
    const double loading_s = loading_since_s >= 0.0 ? now_s - loading_since_s : 0.0;
    return now_s - clock_pause_s.load() - loading_s;
  }

  std::unique_ptr<core::SessionController> controller;
  std::unique_ptr<LoopHealth> health = std::make_unique<LoopHealth>();
  std::unique_ptr<companion::MirrorSlot> mirror_slot = std::make_unique<companion::MirrorSlot>();
  std::unique_ptr<companion::SessionRecorder> records;
  std::unique_ptr<ShippedSceneCatalogue> catalogue;
  std::unique_ptr<companion::CompanionServer> server;
  std::unique_ptr<audio::AudioEngine> audio;
};

}  // namespace

int run_session_loop(const SessionLoopOptions& options) {
  // The picture kept is the last one before the middle of the session's
  // played time, when the fades leave the place at full light. Start-up
  // takes longer on a busy machine, so the program's clock would not do.
  const auto start = Clock::now();
  core::Rgba8Image last_mirror;
  std::atomic<bool> before_middle{false};
  companion::MirrorSlot* mirror_slot = nullptr;
  display::MirrorSink mirror = [&last_mirror, &options, &before_middle, &mirror_slot](core::Rgba8Image&& picture) {
    if (!options.mirror_out.empty() && before_middle.load()) {
      last_mirror = picture;
    }
    if (mirror_slot != nullptr && mirror_slot->wanted()) {
      mirror_slot->try_publish(std::move(picture));
    }
  };

  SessionServices services;
  mirror_slot = services.mirror_slot.get();

  // Before the display, so an unusable records file fails the run at once.
  auto records = open_records(options);
  if (auto* failure = std::get_if<std::string>(&records)) {
    return report_failure(*failure);
  }
  services.records = std::move(std::get<std::unique_ptr<companion::SessionRecorder>>(records));
  services.records->set_default_label(options.label);
  {
    // Short demonstration sessions scale both fades to a quarter of their
    // length, within the fades' own bounds, so the place is seen at full light.
    core::ComfortSettings comfort = options.scene ? options.scene->comfort : core::ComfortSettings{};
    comfort.mono_view = comfort.mono_view || options.mono;
    comfort.recline_deg = options.recline_deg;
    comfort.fade_in_s = std::clamp(std::min(comfort.fade_in_s, static_cast<float>(options.length_s / 4.0)),
                                   core::ComfortBounds::fade_in_s.min, core::ComfortBounds::fade_in_s.max);
    comfort.fade_out_s = std::clamp(std::min(comfort.fade_out_s, static_cast<float>(options.length_s / 4.0)),
                                    core::ComfortBounds::fade_out_s.min, core::ComfortBounds::fade_out_s.max);
    services.controller =
        std::make_unique<core::SessionController>(comfort, [&services] { return services.session_seconds(); });
  }

  services.audio = std::make_unique<audio::AudioEngine>(audio::DeviceChoice::default_device);

  // The headset first; without one, the screen, unless the nurse asked for
  // the headset only.
  DisplayFactory factory = options.screen ? screen_factory(options) : headset_factory(options.validation);
  std::unique_ptr<Output> output;
  try {
    try {
      output = std::make_unique<Output>(factory, mirror, std::nullopt);
    } catch (const xr::RuntimeUnavailable& error) {
      if (options.headset_only) {
        throw;
      }
      spdlog::warn("{}; showing the session on the screen instead", error.what());
      factory = screen_factory(options);
      output = std::make_unique<Output>(factory, mirror, std::nullopt);
    }
  } catch (const xr::RuntimeUnavailable& error) {
    return report_failure(error.what());
  } catch (const display::ScreenUnavailable& error) {
    return report_failure(error.what());
  }
  spdlog::info("Session display: {}", output->display->name());

  // The page goes up once the display is ready, so what the nurse does
  // there takes effect at once.
  if (options.companion) {
    services.catalogue = std::make_unique<ShippedSceneCatalogue>(options.validation);
    companion::ServerOptions server_options;
    server_options.port = options.port;
    services.server = std::make_unique<companion::CompanionServer>(*services.controller, *services.catalogue,
                                                                   *services.health, *services.mirror_slot,
                                                                   *services.records, server_options);
    try {
      services.server->start();
      std::printf("Companion page: %s\n", services.server->page_url().c_str());
      std::fflush(stdout);
    } catch (const companion::CompanionError& error) {
      // The session does not depend on the companion: it runs and ends on time.
      spdlog::error("The companion page is not available: {}", error.what());
      services.server.reset();
    }
  }

  const core::ComfortSettings comfort = services.controller->snapshot().settings;
  core::SessionController& controller = *services.controller;
  // The place on show: none until the session names one and it is ready.
  // Until then, and while a place loads, the frames are black.
  std::string shown_scene;
  if (!options.wait_for_start) {
    const core::StartSession start_session{options.scene_id, static_cast<float>(options.length_s / 60.0)};
    if (const auto rejected = controller.post(start_session)) {
      return report_failure(*rejected);
    }
  }

  audio::AudioEngine& sound = *services.audio;

  bool exit_requested = false;
  bool gentle_end_requested = false;
  bool session_started = false;
  int retries = 0;
  std::uint64_t frames = 0;
  // Frames that showed a place, not black while it loaded: --frames counts these.
  std::uint64_t place_frames = 0;
  bool was_worn = true;
  float recenter_yaw = 0.0F;
  float scene_time_s = 0.0F;
  const auto session_now = [&services] { return services.session_seconds(); };
  // The place being loaded on the loading thread, while frames go on at
  // black. Declared after the output, so the thread has finished with the
  // renderer before the renderer goes.
  LoadingThread loader;
  std::future<ReadyPlace> place_loading;
  std::string loading_scene;
  // Whether the place loading is the first of its session, which has no
  // place to go back to if it fails.
  bool loading_first_place = false;
  // A place that failed to load in this session, not tried again until the
  // next session: a change back to the old place can be refused near the
  // end, and the loop would otherwise retry it every frame.
  std::string failed_scene;
  double last_now_s = session_now();
  double health_window_start_s = last_now_s;
  std::uint64_t health_window_frames = 0;
  std::optional<render::View> last_head;
  FrameGaps frame_gaps;

  while (true) {
    if (core::stop_requested() && !gentle_end_requested) {
      // Ctrl+C or a service stop: the patient still gets a gentle end.
      spdlog::info("Stop requested by signal; ending the session gently");
      gentle_end_requested = true;
      if (controller.snapshot().state == core::SessionState::idle || controller.post(core::EndGently{})) {
        output->display->request_exit();
        exit_requested = true;
      }
    }

    const display::DisplayStatus status = output->display->poll_events(std::chrono::milliseconds(20));
    if (status.exit_requested) {
      break;
    }

    if (status.session_lost) {
      frame_gaps.run_broken();
      if (retries >= options.max_retries) {
        (void)controller.post(core::ReportError{"the headset session was lost repeatedly"});
        return report_failure(fmt::format("the headset session was lost {} times; giving up", retries + 1));
      }
      const double delay = std::min(options.max_retry_delay_s, std::pow(2.0, retries));
      ++retries;
      spdlog::warn("Headset session lost; rebuilding it in {:.0f} s (attempt {} of {})", delay, retries,
                   options.max_retries);
      if (place_loading.valid()) {
        place_loading.wait();
      }
      output.reset();
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      try {
        output = std::make_unique<Output>(factory, mirror, load_place(shown_scene, options));
      } catch (const std::exception& error) {
        spdlog::error("Rebuilding the headset session failed: {}", error.what());
        return report_failure(error.what());
      }
      continue;
    }

    // Before the first frame the runtime is still starting, which is not the
    // headset coming off.
    if (status.headset_worn != was_worn && frames > 0) {
      spdlog::info("Headset {}", status.headset_worn ? "worn again" : "not worn");
      (void)controller.post(core::HeadsetWorn{status.headset_worn});
      was_worn = status.headset_worn;
    }

    const double now_s = session_now();
    const core::SessionFrame session = controller.advance(now_s);
    if (auto events = controller.take_events(); !events.empty()) {
      for (const core::SessionEvent& event : events) {
        if (event.kind == core::SessionEventKind::started) {
          // Each session loads its own place behind black, even the one the
          // last session ended on.
          shown_scene.clear();
          failed_scene.clear();
        }
      }
      services.records->observe(events, controller.snapshot());
    }
    const float dt_s = static_cast<float>(std::clamp(now_s - last_now_s, 0.0, 0.25));
    last_now_s = now_s;
    scene_time_s += dt_s * session.motion_scale;

    if (session.state != core::SessionState::idle && session.state != core::SessionState::ended) {
      session_started = true;
    }
    before_middle = core::is_active(session.state) && session.time_left_s >= options.length_s / 2.0;
    const bool frames_done = options.max_frames > 0 && place_frames >= options.max_frames;
    // With --wait the program stays open between sessions, unless a stop
    // signal asked it to close once the session has ended.
    const bool session_over = session_started && session.state == core::SessionState::ended &&
                              (!options.wait_for_start || gentle_end_requested);
    if ((session_over || frames_done) && !exit_requested) {
      spdlog::info("Session {}; closing the display", frames_done ? "frame count reached" : "ended");
      output->display->request_exit();
      exit_requested = true;
    }

    // The first place loads as the session starts, and the controller
    // switches places at the bottom of a fade to black. The place loads on
    // the loading thread while the loop shows black frames, and the session
    // clock is paused meanwhile, so the fade in starts from black once the
    // place is ready. Only a session under way loads a place, so one that
    // failed to load is not tried again until the next start.
    if (core::is_active(session.state) && !session.scene.empty() && session.scene != shown_scene &&
        session.scene != failed_scene && !place_loading.valid()) {
      loading_scene = session.scene;
      loading_first_place = shown_scene.empty();
      services.load_started_s = core::SessionController::steady_seconds();
      // The slow parts of showing the place, building its pipelines and
      // decoding its sounds, run on that thread too. The loop waits for the
      // thread before it tears the renderer down.
      place_loading = loader.run([&options, &renderer = *output->renderer, id = loading_scene] {
        ReadyPlace place{load_place(id, options), {}};
        renderer.prepare(place.scene);
        if (place.scene) {
          place.sound = prepare_sounds(place.scene->sound);
        }
        return place;
      });
    }
    if (place_loading.valid() && place_loading.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      const bool first_place = loading_first_place;
      frame_gaps.report_and_reset(shown_scene);
      const double load_start_s = services.load_started_s.load();
      const double hold_start_s = core::SessionController::steady_seconds();
      try {
        ReadyPlace place = place_loading.get();
        output->renderer->show(place.scene);
        play_sounds(sound, std::move(place.sound));
        shown_scene = loading_scene;
        release_heap_after_change();
        const double done_s = core::SessionController::steady_seconds();
        spdlog::info("{} {} after {:.3f} s of loading, holding the frame loop for {:.3f} s",
                     first_place ? "First scene ready:" : "Scene changed to", shown_scene, done_s - load_start_s,
                     done_s - hold_start_s);
      } catch (const std::exception& error) {
        failed_scene = loading_scene;
        if (first_place) {
          // No place to go back to, so the session ends in error. With
          // --wait the nurse can start another one from the page.
          spdlog::error("Showing the scene {} failed: {}", loading_scene, error.what());
          (void)controller.post(core::ReportError{fmt::format("the place {} could not be shown", loading_scene)});
          if (!options.wait_for_start) {
            (void)controller.advance(session_now());
            services.records->observe(controller.take_events(), controller.snapshot());
            return report_failure(fmt::format("showing the scene {} failed: {}", loading_scene, error.what()));
          }
        } else {
          spdlog::error("Changing the scene to {} failed: {}", loading_scene, error.what());
          if (const auto refused = controller.post(core::ChangeScene{shown_scene})) {
            // Near the end the session is already fading out and rejects a
            // change. The renderer still draws the old place, so it stays.
            spdlog::warn("Changing back to {} was rejected, so it stays on show: {}", shown_scene, *refused);
          }
        }
      }
      services.clock_pause_s = services.clock_pause_s.load() + (core::SessionController::steady_seconds() - load_start_s);
      services.load_started_s = -1.0;
      last_now_s = session_now();
    }

    if (!status.frames_wanted) {
      frame_gaps.run_broken();
      continue;
    }

    if (session.recenter && last_head) {
      // Turns the world so the current gaze becomes straight ahead.
      const glm::vec3 forward = last_head->orientation * glm::vec3(0.0F, 0.0F, -1.0F);
      recenter_yaw = -std::atan2(-forward.x, -forward.z);
      spdlog::info("Recentred by {:.0f} degrees", glm::degrees(recenter_yaw));
    }

    const render::FrameState frame = session_frame_state(session, scene_time_s);

    const render::Renderer& renderer = *output->renderer;
    display::FrameOptions frame_options;
    frame_options.mono = session.mono_view;
    // Black costs the renderer almost nothing, which leaves the CPU to the
    // loading thread on a software renderer.
    const bool showing_place = !shown_scene.empty() && !place_loading.valid();
    const auto result = output->display->render_frame(
        [&](VkCommandBuffer commands, const render::FrameTarget& target, const render::View& view, std::uint32_t) {
          if (options.grey_test_pattern) {
            renderer.record_solid(commands, target, glm::vec4(0.5F, 0.5F, 0.5F, 1.0F));
            return;
          }
          if (!showing_place) {
            renderer.record_solid(commands, target, glm::vec4(0.0F, 0.0F, 0.0F, 1.0F));
            return;
          }
          renderer.record_view(commands, target, render::posture_view(view, session.recline_deg, recenter_yaw),
                               frame);
        },
        frame_options);

    if (!result.views.empty()) {
      last_head = render::posture_view(result.views.front(), 0.0F, 0.0F);
      const render::View listener = render::posture_view(result.views.front(), session.recline_deg, recenter_yaw);
      sound.update(audio::ListenerPose{listener.position, listener.orientation},
                   audio::AudioFrame{session.audio_fade, session.volume, comfort.motion}, now_s);
    }

    if (result.rendered) {
      if (frames == 0) {
        spdlog::info("First frame submitted after {:.3f} s", core::seconds_since_program_start());
      }
      ++frames;
      if (showing_place) {
        ++place_frames;
      }
      ++health_window_frames;
      frame_gaps.frame_shown(Clock::now(), result.waits);
    }
    if (now_s - health_window_start_s >= 1.0) {
      update_health(*services.health, sound, health_window_frames, now_s - health_window_start_s);
      services.records->progress(controller.snapshot().played_s);
      health_window_frames = 0;
      health_window_start_s = now_s;
    }
  }

  frame_gaps.report_and_reset(shown_scene);

  // The frame count or the display ended the loop in the middle of a session.
  if (const core::SessionStatus last = controller.snapshot(); core::is_active(last.state)) {
    const bool frames_done = options.max_frames > 0 && place_frames >= options.max_frames;
    services.records->close_running(frames_done ? records::Outcome::ended_early : records::Outcome::error, last);
  }

  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const std::uint32_t validation_problems = output->display->context().validation_report().total();
  spdlog::info("Session ended after {:.1f} s and {} frames, {} of them showing a place", elapsed, frames, place_frames);
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
