#include "app/render_command.hpp"

#include "app/image_size.hpp"
#include "app/exit_status.hpp"
#include "core/png_file.hpp"
#include "render/context.hpp"
#include "render/offscreen_renderer.hpp"
#include "scene/scene_file.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <map>
#include <optional>

namespace stillwater::app {

CLI::App* add_render_command(CLI::App& app, RenderOptions& options) {
  CLI::App* render = app.add_subcommand("render", "Render one picture offscreen and write it as a PNG file");
  render->add_option("-o,--out", options.out, "PNG file to write; an existing file is replaced only once the "
                                              "new picture is complete")
      ->capture_default_str();
  render->add_option("-s,--size", options.size, "Picture size as WIDTHxHEIGHT in pixels, each side 1 to 16384")
      ->capture_default_str();
  render->add_option("--format", options.format,
                     "Colour format of the render target: rgba (R8G8B8A8_SRGB) or bgra (B8G8R8A8_SRGB); "
                     "the PNG is the same either way")
      ->capture_default_str();
  render->add_option("--fov", options.vertical_fov_deg, "Vertical field of view in degrees, 10 to 150")
      ->capture_default_str();
  render->add_option("--time", options.time_s,
                     "Scene time in seconds, which sets waves, clouds and swaying plants, 0 or more")
      ->capture_default_str();
  render->add_option("--scene", options.scene,
                     "Scene to draw: a name from the scenes folder (such as beach) or a scene file");
  render->add_option("--photo", options.photo,
                     "Equirectangular 360-degree photo (PNG or JPEG, twice as wide as high) to show around the viewer");
  render->add_option("--motion", options.motion, "Motion level: still, gentle or lively")->capture_default_str();
  render->add_option("--pitch", options.pitch_deg, "Look up (positive) or down from level, in degrees, -90 to 90")
      ->capture_default_str();
  render->add_flag("--validation", options.validation,
                   "Turn on the Vulkan validation layers (on by default in debug builds)");
  return render;
}

int run_render_command(const RenderOptions& options) {
  const auto parsed = parse_image_size(options.size);
  if (const auto* message = std::get_if<std::string>(&parsed)) {
    return report_usage_error("--size: " + *message);
  }
  const auto size = std::get<ImageSize>(parsed);

  static const std::map<std::string, VkFormat> formats{{"rgba", VK_FORMAT_R8G8B8A8_SRGB},
                                                       {"bgra", VK_FORMAT_B8G8R8A8_SRGB}};
  const auto format = formats.find(options.format);
  if (format == formats.end()) {
    return report_usage_error(fmt::format("--format: invalid value \"{}\": use rgba or bgra", options.format));
  }
  if (!(options.vertical_fov_deg >= 10.0F && options.vertical_fov_deg <= 150.0F)) {
    return report_usage_error(
        fmt::format("--fov: invalid value {}: use a vertical field of view from 10 to 150 degrees", options.vertical_fov_deg));
  }
  if (!(options.time_s >= 0.0F && options.time_s < 1.0e6F)) {
    return report_usage_error(fmt::format("--time: invalid value {}: use 0 or more seconds, below 1000000", options.time_s));
  }

  const auto motion = core::parse_motion_level(options.motion);
  if (!motion) {
    return report_usage_error(
        fmt::format("--motion: invalid value \"{}\": use still, gentle or lively", options.motion));
  }
  if (!(options.pitch_deg >= -90.0F && options.pitch_deg <= 90.0F)) {
    return report_usage_error(fmt::format("--pitch: invalid value {}: use -90 to 90 degrees", options.pitch_deg));
  }
  if (!options.scene.empty() && !options.photo.empty()) {
    return report_usage_error("--scene and --photo were both given: use one of them");
  }

  // Read the scene before starting Vulkan, so a bad file fails fast.
  std::optional<scene::Scene> place;
  if (!options.scene.empty()) {
    place = scene::load_scene(scene::find_scene(options.scene));
  } else if (!options.photo.empty()) {
    place = scene::photo_scene(options.photo);
  }

  const std::filesystem::path out(options.out);
  core::check_writable(out);

  render::ContextOptions context_options;
  context_options.validation = options.validation || render::validation_enabled_by_default();
  const render::Context context(context_options);

  const VkExtent2D extent{size.width, size.height};
  render::OffscreenRenderer renderer(context, extent, format->second);
  if (place) {
    renderer.set_scene(*place);
  }

  render::View view;
  view.fov = render::symmetric_fov(glm::radians(options.vertical_fov_deg),
                                   static_cast<float>(size.width) / static_cast<float>(size.height));
  render::FrameState frame;
  frame.sky.time_s = options.time_s;
  frame.scene.time_s = options.time_s;
  frame.scene.motion = *motion;
  if (place) {
    frame.comfort.brightness = place->comfort.brightness;
    frame.comfort.warm_colour = place->comfort.warm_colour;
  }
  view.orientation = glm::angleAxis(glm::radians(options.pitch_deg), glm::vec3(1.0F, 0.0F, 0.0F));

  const core::Rgba8Image image = renderer.render(view, frame);
  core::write_png(out, image);

  spdlog::info("Rendered {}x{} to {}", size.width, size.height, out);
  std::printf("Wrote %s (%ux%u)\n", std::filesystem::absolute(out).c_str(), size.width, size.height);

  if (const auto problems = context.validation_report().total(); problems > 0) {
    spdlog::error("Vulkan validation reported {} problem(s) during the render", problems);
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace stillwater::app
