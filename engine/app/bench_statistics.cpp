#include "app/bench_statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace stillwater::app {

double nearest_rank_percentile(std::vector<double> samples, double percent) {
  if (samples.empty()) {
    throw std::invalid_argument("a percentile needs at least one sample");
  }
  if (!(percent > 0.0 && percent <= 100.0)) {
    throw std::invalid_argument(fmt::format("percentile {} is outside (0, 100]", percent));
  }

  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(percent / 100.0 * static_cast<double>(samples.size()));
  const auto index = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

DurationSummary summarise_durations(const std::vector<double>& samples) {
  if (samples.empty()) {
    throw std::invalid_argument("a duration summary needs at least one sample");
  }
  DurationSummary summary;
  summary.count = samples.size();
  summary.median = nearest_rank_percentile(samples, 50.0);
  summary.p99 = nearest_rank_percentile(samples, 99.0);
  summary.max = *std::max_element(samples.begin(), samples.end());
  return summary;
}

}  // namespace stillwater::app
