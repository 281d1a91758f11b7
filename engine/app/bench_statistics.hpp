#pragma once

#include <cstddef>
#include <vector>

namespace stillwater::app {

// Summary of a set of per-frame durations, all in the samples' own unit.
struct DurationSummary {
  std::size_t count = 0;
  double median = 0.0;
  double p99 = 0.0;
  double max = 0.0;
};

// The nearest-rank percentile of `samples`: the smallest sample that at least
// `percent` per cent of the samples do not exceed. `percent` is in (0, 100].
// Throws std::invalid_argument for no samples or a percent outside that range.
double nearest_rank_percentile(std::vector<double> samples, double percent);

// Median (the 50th nearest-rank percentile, so always one of the samples),
// 99th percentile and maximum. Throws std::invalid_argument for no samples.
DurationSummary summarise_durations(const std::vector<double>& samples);

}  // namespace stillwater::app
