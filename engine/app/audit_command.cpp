#include "app/audit_command.hpp"

#include "app/audit_session.hpp"
#include "app/exit_status.hpp"
#include "app/image_size.hpp"
#include "audit/audit_report.hpp"
#include "core/png_file.hpp"
#include "render/context.hpp"
#include "scene/scene_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace stillwater::app {

namespace {

constexpr double kMinFramesPerSecond = 4.0;
constexpr double kMaxFramesPerSecond = 50.0;
constexpr double kMaxTestFlashHz = 25.0;

void write_json(const std::filesystem::path& path, const nlohmann::json& report) {
  std::ofstream file(path);
  file << report.dump(2) << '\n';
  file.close();
  if (!file) {
    throw std::runtime_error(fmt::format("could not write the audit report to \"{}\"", path.string()));
  }
}

}  // namespace

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options) {
  CLI::App* command = app.add_subcommand(
      "audit", "Render a short session of a place offscreen with its sound and check it against the comfort rules");
  command
      ->add_option("--scene", options.scenes,
                   "Place to audit: a shipped place's name, sea, or a scene file; repeat for several")
      ->required();
  command->add_option("-s,--size", options.size, "Size of the rendered pictures as WIDTHxHEIGHT in pixels")
      ->capture_default_str();
  command
      ->add_option("--fps", options.frames_per_second,
                   fmt::format("Pictures rendered per second of session time, {:g} to {:g}", kMinFramesPerSecond,
                               kMaxFramesPerSecond))
      ->capture_default_str();
  command->add_option("--json", options.json, "Also write the report as JSON to this file");
  command->add_flag("--validation", options.validation,
                    "Turn on the Vulkan validation layers (on by default in debug builds)");
  command->add_option("--test-flash-hz", options.test_flash_hz, "Test only: flash full white at this rate")
      ->group("");
  return command;
}

int run_audit_command(const AuditOptions& options) {
  const auto parsed = parse_image_size(options.size);
  if (const auto* message = std::get_if<std::string>(&parsed)) {
    return report_usage_error("--size: " + *message);
  }
  const auto size = std::get<ImageSize>(parsed);
  if (!(options.frames_per_second >= kMinFramesPerSecond && options.frames_per_second <= kMaxFramesPerSecond)) {
    return report_usage_error(fmt::format("--fps: invalid value {}: use {:g} to {:g} pictures per second",
                                          options.frames_per_second, kMinFramesPerSecond, kMaxFramesPerSecond));
  }
  if (!(options.test_flash_hz >= 0.0 && options.test_flash_hz <= kMaxTestFlashHz)) {
    return report_usage_error(
        fmt::format("--test-flash-hz: invalid value {}: use 0 to {:g} Hz", options.test_flash_hz, kMaxTestFlashHz));
  }

  // Every place loads before anything renders, so a mistake in the last
  // one is reported at once.
  std::vector<AuditPlan> plans;
  for (const std::string& name : options.scenes) {
    AuditPlan plan;
    plan.scene_id = name;
    if (name != "sea") {
      plan.scene = scene::load_scene(scene::find_scene(name));
    }
    plan.width = size.width;
    plan.height = size.height;
    plan.frames_per_second = options.frames_per_second;
    plan.test_flash_hz = options.test_flash_hz;
    plans.push_back(std::move(plan));
  }
  if (!options.json.empty()) {
    core::check_writable(options.json);
  }

  render::ContextOptions context_options;
  context_options.validation = options.validation || render::validation_enabled_by_default();
  const render::Context context(context_options);

  bool passed = true;
  nlohmann::json reports = nlohmann::json::array();
  for (const AuditPlan& plan : plans) {
    const audit::AuditMeasurements measured = run_audit_session(context, plan);
    const std::vector<audit::RuleResult> rules = audit::check_rules(measured);
    passed = passed && audit::all_passed(rules);
    std::printf("%s\n", audit::format_report(measured, rules).c_str());
    std::fflush(stdout);
    reports.push_back(audit::report_json(measured, rules));
  }

  if (!options.json.empty()) {
    write_json(options.json, {{"device", context.properties().deviceName}, {"scenes", reports}, {"passed", passed}});
    std::printf("Wrote %s\n", std::filesystem::absolute(options.json).c_str());
  }

  if (const auto problems = context.validation_report().total(); problems > 0) {
    spdlog::error("Vulkan validation reported {} problem(s) during the audit", problems);
    return kExitFailure;
  }
  if (!passed) {
    spdlog::error("The audit found places that break the comfort rules");
    return kExitAuditFailed;
  }
  return kExitSuccess;
}

}  // namespace stillwater::app
