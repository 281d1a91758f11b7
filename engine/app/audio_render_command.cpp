#include "app/audio_render_command.hpp"

#include "app/exit_status.hpp"
#include "audio/session_render.hpp"
#include "core/comfort.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <cstdio>
#include <filesystem>
#include <optional>

namespace stillwater::app {

namespace {

namespace fs = std::filesystem;

scene::SoundSource bed(const fs::path& file) {
  scene::SoundSource source;
  source.name = file.stem().string();
  source.kind = scene::SoundKind::bed;
  source.files = {file};
  return source;
}

scene::SoundSource birds(const fs::path& folder, scene::Region region) {
  scene::SoundSource source;
  source.name = "birds";
  source.kind = scene::SoundKind::one_shot;
  source.files = {folder / "bird_1.flac", folder / "bird_2.flac", folder / "bird_3.flac"};
  source.region = region;
  source.interval_min_s = 6.0F;
  source.interval_max_s = 18.0F;
  source.gain_db = -4.0F;
  return source;
}

// The soundscapes of the shipped places, built from the generator's files.
// NOTE: used until scene files declare their own soundscapes.
std::optional<scene::Soundscape> place_soundscape(const std::string& place, const fs::path& folder) {
  scene::Soundscape soundscape;
  if (place == "sea") {
    soundscape.sources = {bed(folder / "sea_waves.flac"), birds(folder, {{0.0F, 6.0F, 10.0F}, {8.0F, 3.0F, 4.0F}})};
  } else if (place == "forest") {
    scene::SoundSource stream;
    stream.name = "stream";
    stream.kind = scene::SoundKind::loop;
    stream.files = {folder / "stream.flac"};
    stream.position = {-4.0F, -1.0F, -2.0F};
    stream.reference_distance_m = 3.0F;
    soundscape.sources = {bed(folder / "wind_leaves.flac"), stream,
                          birds(folder, {{0.0F, 5.0F, 6.0F}, {10.0F, 3.0F, 6.0F}})};
  } else if (place == "garden") {
    soundscape.sources = {bed(folder / "summer_garden.flac"),
                          birds(folder, {{4.0F, 4.0F, -6.0F}, {6.0F, 2.0F, 4.0F}})};
  } else if (place == "night") {
    soundscape.sources = {bed(folder / "night_crickets.flac")};
  } else {
    return std::nullopt;
  }
  return soundscape;
}

}  // namespace

CLI::App* add_audio_render_command(CLI::App& app, AudioRenderOptions& options) {
  CLI::App* command = app.add_subcommand(
      "audio-render", "Render a session's sound offline to a WAV file and print its levels and onsets");
  command->add_option("--sounds", options.sounds, "Folder with the generated scene sounds (build/<preset>/sounds)")
      ->required();
  command->add_option("--place", options.place, "Soundscape to play: sea, forest, garden or night")
      ->capture_default_str();
  command->add_option("-o,--out", options.out, "WAV file to write (16-bit stereo, 48 kHz)")->capture_default_str();
  command->add_option("--seconds", options.seconds, "Session length in seconds, 1 to 3600")->capture_default_str();
  command->add_option("--volume", options.volume, "Master volume, 0 to 1")->capture_default_str();
  command->add_option("--motion", options.motion, "Motion level: still, gentle or lively")->capture_default_str();
  command->add_option("--fade-in", options.fade_in_s, "Rise from silence at the start, in seconds")
      ->capture_default_str();
  command->add_option("--fade-out", options.fade_out_s, "Gentle end before the close, in seconds")
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Seed for when and where one-shots play")->capture_default_str();
  return command;
}

int run_audio_render_command(const AudioRenderOptions& options) {
  const auto soundscape = place_soundscape(options.place, options.sounds);
  if (!soundscape) {
    return report_usage_error(
        fmt::format("--place: invalid value \"{}\": use sea, forest, garden or night", options.place));
  }
  const auto motion = core::parse_motion_level(options.motion);
  if (!motion) {
    return report_usage_error(
        fmt::format("--motion: invalid value \"{}\": use still, gentle or lively", options.motion));
  }
  if (!(options.seconds >= 1.0 && options.seconds <= 3600.0)) {
    return report_usage_error(fmt::format("--seconds: invalid value {}: use 1 to 3600 seconds", options.seconds));
  }
  if (!core::ComfortBounds::volume.contains(options.volume)) {
    return report_usage_error(fmt::format("--volume: invalid value {}: use 0 to 1", options.volume));
  }
  if (!(options.fade_in_s >= 0.0F && options.fade_out_s >= 0.0F)) {
    return report_usage_error("--fade-in and --fade-out: use 0 or more seconds");
  }

  audio::SessionRenderPlan plan;
  plan.seconds = options.seconds;
  plan.volume = options.volume;
  plan.motion = *motion;
  plan.fade_in_s = options.fade_in_s;
  plan.fade_out_s = options.fade_out_s;
  plan.seed = options.seed;

  const fs::path out(options.out);
  const auto report = audio::render_session_audio(*soundscape, plan, out);
  std::printf("Wrote %s\n%s", fs::absolute(out).c_str(), audio::format_report(report).c_str());
  return kExitSuccess;
}

}  // namespace stillwater::app
