#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace stillwater::app {

struct AudioRenderOptions {
  std::string sounds;
  std::string place = "sea";
  std::string out = "stillwater-audio.wav";
  double seconds = 60.0;
  float volume = 0.7F;
  std::string motion = "gentle";
  float fade_in_s = 8.0F;
  float fade_out_s = 20.0F;
  std::uint64_t seed = 1;
};

// Adds `stillwater audio-render` to `app`, storing what it parses in `options`.
CLI::App* add_audio_render_command(CLI::App& app, AudioRenderOptions& options);

// Renders a session's sound through OpenAL Soft's loopback device, writes it
// as a WAV file and prints its levels and onsets. Returns the exit status.
int run_audio_render_command(const AudioRenderOptions& options);

}  // namespace stillwater::app
