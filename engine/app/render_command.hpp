#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace stillwater::app {

struct RenderOptions {
  std::string out = "stillwater.png";
  std::string size = "1280x720";
  std::string format = "rgba";
  float vertical_fov_deg = 60.0F;
  float time_s = 0.0F;
  // A scene by name (from the scenes folder) or path; empty for the plain sea.
  std::string scene;
  // An equirectangular photo to show instead of a scene.
  std::string photo;
  std::string motion = "gentle";
  // Look up (positive) or down from level, degrees.
  float pitch_deg = 0.0F;
  bool validation = false;
};

// Adds `stillwater render` to `app`, storing what it parses in `options`.
CLI::App* add_render_command(CLI::App& app, RenderOptions& options);

// Renders one picture offscreen and writes it as a PNG. Returns the exit
// status; problems the user can fix are reported on one line.
int run_render_command(const RenderOptions& options);

}  // namespace stillwater::app
