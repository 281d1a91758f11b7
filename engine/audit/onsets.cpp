#include "audit/onsets.hpp"

#include "audit/loudness_meter.hpp"
#include "core/calmness_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace stillwater::audit {

namespace {

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) {
    return std::nullopt;
  }
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

std::optional<double> ambience_level(std::span<const double> momentary_lufs, std::span<const bool> at_full_level) {
  std::vector<double> full;
  std::vector<double> audible;
  for (std::size_t index = 0; index < momentary_lufs.size(); ++index) {
    if (momentary_lufs[index] <= kLoudnessFloorLufs) {
      continue;
    }
    audible.push_back(momentary_lufs[index]);
    if (at_full_level[index]) {
      full.push_back(momentary_lufs[index]);
    }
  }
  // A session that never played at full level is judged against what it did play.
  return full.empty() ? median(std::move(audible)) : median(std::move(full));
}

}  // namespace

OnsetSummary find_onsets(std::span<const double> momentary_lufs, std::span<const bool> at_full_level, double step_s) {
  if (momentary_lufs.size() != at_full_level.size()) {
    throw std::invalid_argument(fmt::format("{} loudness readings were given with {} full-level flags",
                                            momentary_lufs.size(), at_full_level.size()));
  }
  if (!(step_s > 0.0)) {
    throw std::invalid_argument(fmt::format("invalid step between loudness readings: {} s", step_s));
  }

  OnsetSummary summary;
  summary.ambience_lufs = ambience_level(momentary_lufs, at_full_level);

  const auto window_steps = static_cast<std::size_t>(std::lround(core::kOnsetWindowSeconds / step_s));
  std::size_t next_onset_from = 0;
  for (std::size_t index = 1; index < momentary_lufs.size(); ++index) {
    const std::size_t first = index > window_steps ? index - window_steps : 0;
    const double lowest = *std::min_element(momentary_lufs.begin() + static_cast<std::ptrdiff_t>(first),
                                            momentary_lufs.begin() + static_cast<std::ptrdiff_t>(index));
    const double rise = momentary_lufs[index] - lowest;
    const double at_s = static_cast<double>(index + 1) * step_s;
    if (rise > summary.largest_rise_lu) {
      summary.largest_rise_lu = rise;
      summary.largest_rise_at_s = at_s;
    }

    if (!summary.ambience_lufs) {
      continue;
    }
    const double above = momentary_lufs[index] - *summary.ambience_lufs;
    if (rise <= core::kMaxOnsetRiseLu || above <= core::kOneShotMarginDb) {
      continue;
    }
    // One sound rising over several readings is one onset, kept at its largest rise.
    if (!summary.onsets.empty() && index < next_onset_from) {
      if (rise > summary.onsets.back().rise_lu) {
        summary.onsets.back() = {at_s, rise, above};
      }
      continue;
    }
    summary.onsets.push_back({at_s, rise, above});
    next_onset_from = index + window_steps + 1;
  }
  return summary;
}

}  // namespace stillwater::audit
