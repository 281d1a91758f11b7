#pragma once

#include "scene/problem.hpp"
#include "scene/scene.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::scene {

struct LoadOptions {
  // Where "generated:NAME" sound paths point: the build's sounds folder
  // unless STILLWATER_GENERATED_SOUNDS names another.
  std::filesystem::path generated_sounds_folder = default_generated_sounds_folder();
  // Where "generated:NAME" photo and model paths point: the build's assets
  // folder unless STILLWATER_GENERATED_ASSETS names another.
  std::filesystem::path generated_assets_folder = default_generated_assets_folder();

  static std::filesystem::path default_generated_sounds_folder();
  static std::filesystem::path default_generated_assets_folder();
};

struct CheckResult {
  // Present only when there are no problems.
  std::optional<Scene> scene;
  std::vector<Problem> problems;
};

// Reads and validates one scene file, collecting every problem.
CheckResult check_scene_file(const std::filesystem::path& file, const LoadOptions& options = {});

// Reads and validates one scene file; throws SceneError listing every problem.
Scene load_scene(const std::filesystem::path& file, const LoadOptions& options = {});

// A scene that shows one equirectangular photo around the viewer. Throws
// SceneError when the photo is missing, unreadable or not twice as wide as
// it is high.
Scene photo_scene(const std::filesystem::path& photo);

// The folder of shipped scenes: STILLWATER_SCENES when set, else the
// project's scenes folder.
std::filesystem::path scenes_folder();

// Names of the scene files in scenes_folder() (each file's name without
// ".toml"), sorted; empty when the folder cannot be read.
std::vector<std::string> shipped_scene_names();

// A scene file for `name_or_path`: an existing file as given, else
// NAME.toml in scenes_folder(). Throws SceneError naming both places tried.
std::filesystem::path find_scene(std::string_view name_or_path);

}  // namespace stillwater::scene
