#pragma once

#include <optional>
#include <span>
#include <vector>

namespace stillwater::audit {

// A sudden onset: momentary loudness rising by more than
// core::kMaxOnsetRiseLu within core::kOnsetWindowSeconds to more than
// core::kOneShotMarginDb above the ambience.
struct Onset {
  // End of the momentary block that completed the rise, in seconds.
  double at_s = 0.0;
  double rise_lu = 0.0;
  double above_ambience_lu = 0.0;
};

struct OnsetSummary {
  // The ambience: the median momentary loudness while the session played at
  // full level, in LUFS; nothing when it was silent throughout.
  std::optional<double> ambience_lufs;
  // Largest rise of momentary loudness within core::kOnsetWindowSeconds,
  // anywhere in the session, in LU, and when it ended.
  double largest_rise_lu = 0.0;
  double largest_rise_at_s = 0.0;
  std::vector<Onset> onsets;
};

// Finds onsets in momentary loudness readings taken every `step_s` seconds
// (entry i ends at (i + 1) * step_s). `at_full_level[i]` is true when the
// session's sound was at full level for the whole of block i, neither fading
// nor dipping. Those blocks set the ambience. Throws
// std::invalid_argument when the two sequences differ in length.
OnsetSummary find_onsets(std::span<const double> momentary_lufs, std::span<const bool> at_full_level, double step_s);

}  // namespace stillwater::audit
