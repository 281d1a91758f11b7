#include "app/run_command.hpp"

#include "app/exit_status.hpp"
#include "app/session_loop.hpp"
#include "app/session_services.hpp"
#include "core/comfort.hpp"
#include "core/png_file.hpp"
#include "core/stop_signal.hpp"
#include "records/data_path.hpp"
#include "records/session_record.hpp"
#include "scene/scene_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace stillwater::app {

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand("run", "Run one session on the headset, from fade-in to a gentle end");
  run->add_option("--scene", options.scene,
                  "Place to show: a name from the scenes folder (beach, forest-glade, lake-dawn, english-garden, "
                  "night-sky, painted-hills), a scene file, or sea for the built-in open sea, which is light "
                  "enough for software rendering")
      ->capture_default_str();
  run->add_option("-m,--minutes", options.minutes,
                  "Session length in minutes, fractions allowed (0.25 is 15 seconds); 0.1 to 120")
      ->capture_default_str();
  run->add_flag("--screen", options.screen,
                "Show the session in a window on this computer's screen instead of a headset; hold the left "
                "mouse button and move the mouse to look around, Escape to end gently");
  run->add_flag("--fullscreen", options.fullscreen, "With --screen, fill the whole screen");
  run->add_flag("--headset-only", options.headset_only,
                "Exit with an error when no headset is available instead of falling back to the screen");
  run->add_flag("--validation", options.validation,
                "Turn on the Vulkan validation layers (on by default in debug builds)");
  run->add_flag("--wait", options.wait,
                "Wait for the nurse to start the session from the companion page, and stay open after it ends");
  run->add_option("--port", options.port, "TCP port of the companion page on the loopback address; 0 picks a free one")
      ->capture_default_str();
  run->add_flag("--no-companion", options.no_companion, "Run without the companion page");
  run->add_option("--frames", options.frames,
                  "End the session after this many frames of the place shown, not counting black frames while it "
                  "loads, instead of after its length (tests, benchmarks)");
  run->add_flag("--mono", options.mono, "Show the same image to both eyes, for double vision or sight in one eye");
  run->add_option("--recline", options.recline_deg,
                  "Patient's recline from upright in degrees, 0 (sitting) to 90 (lying flat)")
      ->capture_default_str();
  run->add_option("--mirror-out", options.mirror_out,
                  "Write a mirror picture (what the patient saw, downscaled) from the middle of the session to this PNG file");
  run->add_option("--records", options.records_file,
                  "Session records database file; by default records.sqlite3 in the user's data directory "
                  "($XDG_DATA_HOME/stillwater, else ~/.local/share/stillwater)");
  run->add_flag("--without-records", options.without_records,
                "Keep no session records in this run; the nurse's agreement to run sessions without records");
  run->add_option("--label", options.label,
                  "Bed or room code recorded for a session started from the command line, never a name; sessions "
                  "started from the companion page use the code entered there")
      ->capture_default_str();
  // For tests that compare the headset's picture with an offscreen render.
  run->add_option("--test-pattern", options.test_pattern, "Show a test pattern instead of the place: grey")
      ->group("");
  return run;
}

int run_run_command(const RunOptions& options) {
  if (!(options.minutes >= 0.1 && options.minutes <= 120.0)) {
    return report_usage_error(
        fmt::format("--minutes: invalid value {}: use a length from 0.1 to 120 minutes", options.minutes));
  }
  if (options.port < 0 || options.port > 65535) {
    return report_usage_error(fmt::format("--port: invalid value {}: use 1 to 65535, or 0 for a free port", options.port));
  }
  if (options.wait && options.no_companion) {
    return report_usage_error("--wait needs the companion page to start the session; leave out --no-companion");
  }
  if (options.frames < 0) {
    return report_usage_error(fmt::format("--frames: invalid value {}: use 1 or more frames", options.frames));
  }
  if (!core::ComfortBounds::recline_deg.contains(options.recline_deg)) {
    return report_usage_error(
        fmt::format("--recline: invalid value {}: use 0 (sitting) to 90 (lying flat) degrees", options.recline_deg));
  }
  if (!options.test_pattern.empty() && options.test_pattern != "grey") {
    return report_usage_error(fmt::format("--test-pattern: invalid value \"{}\": use grey", options.test_pattern));
  }
  if (!options.mirror_out.empty()) {
    core::check_writable(options.mirror_out);
  }
  if (auto problem = records::label_problem(options.label)) {
    return report_usage_error("--label: " + *problem);
  }
  if (options.without_records && !options.records_file.empty()) {
    return report_usage_error("--records and --without-records contradict each other; choose one");
  }
  if (options.screen && options.headset_only) {
    return report_usage_error("--screen and --headset-only contradict each other; choose one");
  }

  core::install_stop_signal_handlers();

  // Read the place before starting Vulkan or OpenXR, so a bad file fails
  // at once with its problems listed.
  SessionLoopOptions session;
  session.scene_id = options.scene;
  if (options.scene != kBuiltInSea) {
    session.scene = scene::load_scene(scene::find_scene(options.scene));
  }
  session.wait_for_start = options.wait;
  session.companion = !options.no_companion;
  session.port = options.port;

  session.length_s = options.minutes * 60.0;
  session.validation = options.validation;
  session.headset_only = options.headset_only;
  session.screen = options.screen;
  session.fullscreen = options.fullscreen;
  session.max_frames = static_cast<std::uint64_t>(options.frames);
  session.mono = options.mono;
  session.recline_deg = options.recline_deg;
  session.mirror_out = options.mirror_out;
  session.grey_test_pattern = options.test_pattern == "grey";
  session.records = !options.without_records;
  session.records_file = options.records_file.empty() ? records::default_database_path()
                                                      : std::filesystem::path(options.records_file);
  session.label = options.label;
  return run_session_loop(session);
}

}  // namespace stillwater::app
