#include "app/audio_render_command.hpp"
#include "app/audit_command.hpp"
#include "app/bench_command.hpp"
#include "app/exit_status.hpp"
#include "app/records_command.hpp"
#include "app/render_command.hpp"
#include "app/run_command.hpp"
#include "app/validate_command.hpp"
#include "core/logging.hpp"
#include "core/program_clock.hpp"
#include "core/sanitizer_support.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <string>

namespace {

int run(int argc, char** argv) {
  using namespace stillwater;

  CLI::App app{"Stillwater: calm virtual-reality places for people in end-of-life care.", "stillwater"};
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "Log detail: trace, debug, info, warn, error or off")
      ->capture_default_str();

  app::RenderOptions render_options;
  CLI::App* render = app::add_render_command(app, render_options);
  app::RunOptions run_options;
  CLI::App* run = app::add_run_command(app, run_options);
  app::AudioRenderOptions audio_render_options;
  CLI::App* audio_render = app::add_audio_render_command(app, audio_render_options);
  app::RecordsOptions records_options;
  CLI::App* records = app::add_records_command(app, records_options);
  app::ValidateOptions validate_options;
  CLI::App* validate = app::add_validate_command(app, validate_options);
  app::BenchOptions bench_options;
  CLI::App* bench = app::add_bench_command(app, bench_options);
  app::AuditOptions audit_options;
  CLI::App* audit = app::add_audit_command(app, audit_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    return app::report_usage_error(fmt::format("{}; run 'stillwater --help' for the options", error.what()));
  }

  const auto level = core::parse_log_level(log_level);
  if (!level) {
    return app::report_usage_error(
        fmt::format("--log-level: invalid value \"{}\": use trace, debug, info, warn, error or off", log_level));
  }
  core::init_logging(*level);

  if (render->parsed()) {
    return app::run_render_command(render_options);
  }
  if (run->parsed()) {
    return app::run_run_command(run_options);
  }
  if (audio_render->parsed()) {
    return app::run_audio_render_command(audio_render_options);
  }
  if (records->parsed()) {
    return app::run_records_command(*records, records_options);
  }
  if (validate->parsed()) {
    return app::run_validate_command(validate_options);
  }
  if (bench->parsed()) {
    return app::run_bench_command(bench_options);
  }
  if (audit->parsed()) {
    return app::run_audit_command(audit_options);
  }
  return app::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  stillwater::core::mark_program_start();
  stillwater::core::keep_vulkan_libraries_loaded();
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    return stillwater::app::report_failure(error.what());
  }
}
