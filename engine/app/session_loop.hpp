#pragma once

#include "scene/scene.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace stillwater::app {

struct SessionLoopOptions {
  // The place to start with, by name, and its loaded scene; without a scene,
  // the built-in sea.
  std::string scene_id = "sea";
  std::optional<scene::Scene> scene;
  // Waits for the nurse to start the session from the companion, and stays
  // open after it ends, instead of starting at once and closing at the end.
  bool wait_for_start = false;
  // Serves the companion page on the loopback address at `port` (0 picks a
  // free port).
  bool companion = true;
  int port = 8450;
  double length_s = 600.0;
  bool validation = false;
  bool headset_only = false;
  // Shows the session in a window instead of a headset.
  bool screen = false;
  bool fullscreen = false;
  // Maximum pause between attempts to rebuild a lost session, in seconds.
  double max_retry_delay_s = 30.0;
  // Attempts to rebuild a lost session before giving up.
  int max_retries = 5;
  // Ends the session after this many frames shown; 0 for no limit.
  std::uint64_t max_frames = 0;
  bool mono = false;
  float recline_deg = 0.0F;
  // PNG file for a mirror picture from the middle of the session, or empty.
  std::string mirror_out;
  // Shows a flat 50% grey instead of the place.
  bool grey_test_pattern = false;
  // Records each session in `records_file`; false keeps no records.
  bool records = true;
  std::filesystem::path records_file;
  // Label recorded for a session that starts without one from the page.
  std::string label = "unlabelled";
};

// Runs the frame loop on an OpenXR headset, or in a window when asked or
// when no headset is available, until the session has faded out or the
// display ends it. Returns the exit status.
int run_session_loop(const SessionLoopOptions& options);

}  // namespace stillwater::app
