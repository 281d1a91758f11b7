#include "audit/audit_report.hpp"

#include "core/calmness_limits.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace stillwater::audit {

namespace {

bool black_and_silent(const FadeMoment& moment) {
  return moment.observed && moment.luminance <= core::kBlackMaxLuminance && moment.peak_dbfs <= core::kSilenceMaxDbfs;
}

std::string describe(const FadeMoment& moment) {
  if (!moment.observed) {
    return "not reached";
  }
  return fmt::format("luminance {:.4f}, peak {:.1f} dBFS at {:.1f} s", moment.luminance, moment.peak_dbfs,
                     moment.at_s);
}

std::string black_and_silence_limit() {
  return fmt::format("luminance at most {}, peak at most {:.0f} dBFS", core::kBlackMaxLuminance,
                     core::kSilenceMaxDbfs);
}

RuleResult flash_rule(const AuditMeasurements& measured) {
  const FlashSummary& flashes = measured.flashes;
  RuleResult rule{"flashes", flashes.max_flashes_per_second <= core::kMaxFlashesPerSecond, "", ""};
  rule.measured = flashes.max_flashes_per_second == 0
                      ? std::string("none")
                      : fmt::format("{} in the second from {:.1f} s", flashes.max_flashes_per_second,
                                    flashes.worst_window_start_s);
  rule.limit = fmt::format("at most {} in any second (WCAG 2.3.1)", core::kMaxFlashesPerSecond);
  return rule;
}

RuleResult lighting_rule(const AuditMeasurements& measured) {
  return {"lighting-change", measured.max_luminance_change_per_second <= core::kMaxMeanLuminanceChangePerSecond,
          fmt::format("{:.2f} per second at {:.1f} s", measured.max_luminance_change_per_second,
                      measured.max_luminance_change_at_s),
          fmt::format("mean luminance at most {} per second", core::kMaxMeanLuminanceChangePerSecond)};
}

RuleResult still_rule(const AuditMeasurements& measured) {
  const MotionMeasure& still = measured.motion[static_cast<std::size_t>(core::MotionLevel::still)];
  RuleResult rule{"still-motion", still.pairs > 0 && still.per_second <= core::kStillMaxImageMotion, "", ""};
  rule.measured = still.pairs == 0 ? std::string("not measured: no frames at motion level still")
                                   : fmt::format("{:.3f} luma per second over {} frame pairs", still.per_second,
                                                 still.pairs);
  rule.limit = fmt::format("{} at motion level still", core::kStillMaxImageMotion);
  return rule;
}

RuleResult onset_rule(const AuditMeasurements& measured) {
  const OnsetSummary& onsets = measured.onsets;
  RuleResult rule{"onsets", onsets.onsets.empty(), "", ""};
  if (onsets.onsets.empty()) {
    rule.measured = "none";
  } else {
    const auto largest = std::max_element(onsets.onsets.begin(), onsets.onsets.end(),
                                          [](const Onset& a, const Onset& b) { return a.rise_lu < b.rise_lu; });
    rule.measured = fmt::format("{} (largest: {:.1f} LU within {} ms at {:.1f} s, to {:.1f} LU above the ambience)",
                                onsets.onsets.size(), largest->rise_lu, core::kOnsetWindowSeconds * 1000.0,
                                largest->at_s, largest->above_ambience_lu);
  }
  rule.limit = fmt::format("no rise over {} LU within {} ms to more than {} LU above the ambience",
                           core::kMaxOnsetRiseLu, core::kOnsetWindowSeconds * 1000.0, core::kOneShotMarginDb);
  return rule;
}

}  // namespace

std::vector<RuleResult> check_rules(const AuditMeasurements& measured) {
  std::vector<RuleResult> rules;
  rules.push_back(flash_rule(measured));
  rules.push_back(lighting_rule(measured));
  rules.push_back(still_rule(measured));
  rules.push_back({"fade-in", black_and_silent(measured.start), describe(measured.start),
                   "starts at " + black_and_silence_limit()});
  rules.push_back({"gentle-end", black_and_silent(measured.gentle_end), describe(measured.gentle_end),
                   "ends at " + black_and_silence_limit()});
  rules.push_back({"stop-now", black_and_silent(measured.stop_now), describe(measured.stop_now),
                   fmt::format("{:.0f} s after the press: {}", core::kStopNowMaxSeconds, black_and_silence_limit())});
  rules.push_back(onset_rule(measured));
  rules.push_back({"true-peak", measured.true_peak_dbtp <= core::kMaxTruePeakDbtp,
                   fmt::format("{:.1f} dBTP", measured.true_peak_dbtp),
                   fmt::format("at most {:.1f} dBTP", core::kMaxTruePeakDbtp)});
  return rules;
}

bool all_passed(const std::vector<RuleResult>& rules) {
  return std::all_of(rules.begin(), rules.end(), [](const RuleResult& rule) { return rule.passed; });
}

std::string format_report(const AuditMeasurements& measured, const std::vector<RuleResult>& rules) {
  std::string text = fmt::format("Calmness audit of {}: {:.1f} s rendered at {}x{}, {} frames at {:g} per second\n\n",
                                 measured.scene, measured.seconds, measured.width, measured.height, measured.frames,
                                 measured.frames_per_second);

  text += "Picture\n";
  text += fmt::format("  flashes (most in any second):      {}\n", measured.flashes.max_flashes_per_second);
  text += fmt::format("  largest mean luminance change:     {:.3f} per second at {:.1f} s\n",
                      measured.max_luminance_change_per_second, measured.max_luminance_change_at_s);
  for (const MotionMeasure& motion : measured.motion) {
    text += fmt::format("  image motion, {:<7}                {:.3f} luma per second ({} frame pairs)\n",
                        std::string(core::to_string(motion.level)) + ":", motion.per_second, motion.pairs);
  }

  text += "Sound\n";
  text += measured.integrated_lufs ? fmt::format("  integrated loudness:               {:.1f} LUFS\n",
                                                 *measured.integrated_lufs)
                                   : std::string("  integrated loudness:               silent\n");
  text += fmt::format("  loudest momentary loudness:        {:.1f} LUFS at {:.1f} s\n", measured.max_momentary_lufs,
                      measured.max_momentary_at_s);
  text += fmt::format("  true peak:                         {:.1f} dBTP\n", measured.true_peak_dbtp);
  text += fmt::format("  largest rise within {:.0f} ms:        {:.1f} LU at {:.1f} s\n",
                      core::kOnsetWindowSeconds * 1000.0, measured.onsets.largest_rise_lu,
                      measured.onsets.largest_rise_at_s);
  text += measured.onsets.ambience_lufs
              ? fmt::format("  ambience (median at full level):   {:.1f} LUFS\n", *measured.onsets.ambience_lufs)
              : std::string("  ambience (median at full level):   silent\n");

  std::size_t rule_width = 4;
  std::size_t measured_width = 8;
  for (const RuleResult& rule : rules) {
    rule_width = std::max(rule_width, rule.rule.size());
    measured_width = std::max(measured_width, rule.measured.size());
  }
  text += fmt::format("\n{:<6}  {:<{}}  {:<{}}  {}\n", "result", "rule", rule_width, "measured", measured_width,
                      "limit");
  for (const RuleResult& rule : rules) {
    text += fmt::format("{:<6}  {:<{}}  {:<{}}  {}\n", rule.passed ? "pass" : "FAIL", rule.rule, rule_width,
                        rule.measured, measured_width, rule.limit);
  }

  const auto failed = std::count_if(rules.begin(), rules.end(), [](const RuleResult& rule) { return !rule.passed; });
  text += failed == 0 ? fmt::format("\n{} passes every rule.\n", measured.scene)
                      : fmt::format("\n{} breaks {} of {} rules.\n", measured.scene, failed, rules.size());
  return text;
}

nlohmann::json report_json(const AuditMeasurements& measured, const std::vector<RuleResult>& rules) {
  nlohmann::json motion = nlohmann::json::object();
  for (const MotionMeasure& level : measured.motion) {
    motion[std::string(core::to_string(level.level))] = {{"luma_per_second", level.per_second},
                                                         {"frame_pairs", level.pairs}};
  }
  const auto moment = [](const FadeMoment& value) {
    return nlohmann::json{{"observed", value.observed}, {"at_s", value.at_s}, {"luminance", value.luminance}, {"peak_dbfs", value.peak_dbfs}};
  };

  nlohmann::json onsets = nlohmann::json::array();
  for (const Onset& onset : measured.onsets.onsets) {
    onsets.push_back({{"at_s", onset.at_s}, {"rise_lu", onset.rise_lu}, {"above_ambience_lu", onset.above_ambience_lu}});
  }

  nlohmann::json rule_list = nlohmann::json::array();
  for (const RuleResult& rule : rules) {
    rule_list.push_back(
        {{"rule", rule.rule}, {"passed", rule.passed}, {"measured", rule.measured}, {"limit", rule.limit}});
  }

  const auto optional_number = [](const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };

  return {
      {"scene", measured.scene},
      {"width", measured.width},
      {"height", measured.height},
      {"frames_per_second", measured.frames_per_second},
      {"seconds", measured.seconds},
      {"frames", measured.frames},
      {"picture",
       {{"max_flashes_per_second", measured.flashes.max_flashes_per_second},
        {"worst_flash_window_start_s", measured.flashes.worst_window_start_s},
        {"flash_transitions", measured.flashes.transitions},
        {"max_mean_luminance_change_per_second", measured.max_luminance_change_per_second},
        {"max_mean_luminance_change_at_s", measured.max_luminance_change_at_s},
        {"image_motion", motion}}},
      {"sound",
       {{"integrated_lufs", optional_number(measured.integrated_lufs)},
        {"max_momentary_lufs", measured.max_momentary_lufs},
        {"max_momentary_at_s", measured.max_momentary_at_s},
        {"true_peak_dbtp", measured.true_peak_dbtp},
        {"largest_rise_lu", measured.onsets.largest_rise_lu},
        {"largest_rise_at_s", measured.onsets.largest_rise_at_s},
        {"ambience_lufs", optional_number(measured.onsets.ambience_lufs)},
        {"onsets", onsets}}},
      {"moments", {{"start", moment(measured.start)}, {"gentle_end", moment(measured.gentle_end)},
                   {"stop_now", moment(measured.stop_now)}}},
      {"rules", rule_list},
      {"passed", all_passed(rules)},
  };
}

}  // namespace stillwater::audit
