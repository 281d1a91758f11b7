#pragma once

#include "audit/luminance_flashes.hpp"
#include "audit/onsets.hpp"
#include "core/comfort.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::audit {

// Image motion while the session ran at one motion level, fully faded in.
struct MotionMeasure {
  core::MotionLevel level = core::MotionLevel::gentle;
  // Mean 8-bit luma change per second (see ImageMotionMeter).
  double per_second = 0.0;
  // Pairs of consecutive frames measured; 0 when the level was never shown.
  std::size_t pairs = 0;
};

// Picture and sound at one moment the rules care about: the first frame,
// the end of the gentle end, and 1 s after stop now.
struct FadeMoment {
  // False when the session never reached that moment.
  bool observed = false;
  double at_s = 0.0;
  // Mean relative luminance of the frame shown then.
  double luminance = 0.0;
  // Highest sample in the audio around that moment, in dBFS.
  double peak_dbfs = -120.0;
};

// Everything the audit measured in one rendered session.
struct AuditMeasurements {
  std::string scene;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  double frames_per_second = 0.0;
  double seconds = 0.0;
  std::size_t frames = 0;

  FlashSummary flashes;
  double max_luminance_change_per_second = 0.0;
  double max_luminance_change_at_s = 0.0;
  std::array<MotionMeasure, 3> motion{};

  std::optional<double> integrated_lufs;
  double max_momentary_lufs = 0.0;
  double max_momentary_at_s = 0.0;
  double true_peak_dbtp = -120.0;
  OnsetSummary onsets;

  FadeMoment start;
  FadeMoment gentle_end;
  FadeMoment stop_now;
};

// One comfort rule applied to the measurements.
struct RuleResult {
  std::string rule;
  bool passed = false;
  std::string measured;
  std::string limit;
};

// Applies every rule, in the order the report lists them.
std::vector<RuleResult> check_rules(const AuditMeasurements& measurements);

[[nodiscard]] bool all_passed(const std::vector<RuleResult>& rules);

// The measurements and the rules as a table for a terminal.
std::string format_report(const AuditMeasurements& measurements, const std::vector<RuleResult>& rules);

nlohmann::json report_json(const AuditMeasurements& measurements, const std::vector<RuleResult>& rules);

}  // namespace stillwater::audit
