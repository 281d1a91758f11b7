#include "app/validate_command.hpp"

#include "app/exit_status.hpp"
#include "scene/scene_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace stillwater::app {

CLI::App* add_validate_command(CLI::App& app, ValidateOptions& options) {
  CLI::App* validate = app.add_subcommand("validate", "Check scene files without rendering them");
  validate->add_option("files", options.files, "Scene files (.toml) to check")->required();
  return validate;
}

int run_validate_command(const ValidateOptions& options) {
  std::size_t invalid = 0;
  for (const std::string& file : options.files) {
    const scene::CheckResult result = scene::check_scene_file(file);
    if (result.scene) {
      std::printf("%s: valid (%s)\n", file.c_str(), result.scene->name.c_str());
      continue;
    }
    ++invalid;
    for (const scene::Problem& problem : result.problems) {
      std::fprintf(stderr, "%s\n", scene::to_string(problem).c_str());
    }
  }
  std::fflush(stdout);

  spdlog::info("Validated {} scene file(s), {} with problems", options.files.size(), invalid);
  if (invalid > 0) {
    std::fprintf(stderr, "stillwater: error: %zu of %zu scene file(s) have problems; see the lines above\n", invalid,
                 options.files.size());
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace stillwater::app
