#include "app/bench_statistics.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

using stillwater::app::nearest_rank_percentile;
using stillwater::app::summarise_durations;

TEST_CASE("percentile uses the nearest rank", "[app][bench]") {
  // 1..100 in reverse, so the function must sort.
  std::vector<double> samples;
  for (int value = 100; value >= 1; --value) {
    samples.push_back(value);
  }
  CHECK(nearest_rank_percentile(samples, 50.0) == 50.0);
  CHECK(nearest_rank_percentile(samples, 99.0) == 99.0);
  CHECK(nearest_rank_percentile(samples, 100.0) == 100.0);
  CHECK(nearest_rank_percentile(samples, 0.5) == 1.0);
}

TEST_CASE("percentile of few samples", "[app][bench]") {
  CHECK(nearest_rank_percentile({7.0}, 50.0) == 7.0);
  CHECK(nearest_rank_percentile({7.0}, 99.0) == 7.0);
  // With fewer than 100 samples the 99th percentile is the largest one.
  CHECK(nearest_rank_percentile({1.0, 2.0, 3.0, 40.0}, 99.0) == 40.0);
  // The median of an even count is the lower middle sample, never a mean.
  CHECK(nearest_rank_percentile({4.0, 1.0, 3.0, 2.0}, 50.0) == 2.0);
}

TEST_CASE("summary of one slow frame", "[app][bench]") {
  std::vector<double> samples(199, 1.0);
  samples.push_back(30.0);
  const auto summary = summarise_durations(samples);
  CHECK(summary.count == 200);
  CHECK(summary.median == 1.0);
  // Rank 198 of 200 is still a normal frame; the maximum shows the slow one.
  CHECK(summary.p99 == 1.0);
  CHECK(summary.max == 30.0);
}

TEST_CASE("percentile rejects bad input", "[app][bench]") {
  CHECK_THROWS_WITH(nearest_rank_percentile({}, 50.0), "a percentile needs at least one sample");
  CHECK_THROWS_WITH(nearest_rank_percentile({1.0}, 0.0), "percentile 0 is outside (0, 100]");
  CHECK_THROWS_WITH(nearest_rank_percentile({1.0}, 101.0), "percentile 101 is outside (0, 100]");
  CHECK_THROWS_WITH(summarise_durations({}), "a duration summary needs at least one sample");
}
