#pragma once

namespace stillwater::core {

// Limits on what a session shows and plays, which `stillwater audit` checks
// on rendered sessions. They hold whatever the nurse's settings, whose
// bounds live in ComfortBounds.

// Flashes, as WCAG 2.3.1 defines its general flash threshold: a flash is a
// pair of opposing changes in relative luminance (0 black to 1 white) of at
// least kFlashMinChange each, where the darker state is below
// kFlashDarkerBelow. More than kMaxFlashesPerSecond in any one second fails.
inline constexpr int kMaxFlashesPerSecond = 3;
inline constexpr double kFlashMinChange = 0.1;
inline constexpr double kFlashDarkerBelow = 0.8;

// Flashes are counted in tiles of about this many degrees of the view, so a
// flash in one part of the picture is not averaged away. WCAG counts a flash
// over 25% of any 10-degree field, and a tile's mean changes by
// kFlashMinChange when a quarter of it changes by 0.4.
// NOTE: tile means only approximate WCAG's area rule. A smaller flash with a
// larger change can still move a tile's mean enough to count.
inline constexpr double kFlashTileDegrees = 10.0;

// Fastest change of the picture's mean relative luminance, per second: a
// white picture dipping to black within the controller's shortest dip
// (0.4 s, SessionPacing::dip_s) changes by 2.5 per second. Lighting changes
// slower than that.
inline constexpr double kMaxMeanLuminanceChangePerSecond = 2.5;

// A picture counts as black when its mean relative luminance is at most this
// (about sRGB level 3 of 255).
inline constexpr double kBlackMaxLuminance = 0.001;

// Sound counts as silent when no sample reaches this level, in dBFS.
inline constexpr double kSilenceMaxDbfs = -60.0;

// The loudest a one-shot may be above the scene's bed, in dB (LU): a bird may
// stand out a little, never startle.
inline constexpr double kOneShotMarginDb = 3.0;

// A sudden onset: momentary loudness (ITU-R BS.1770, 400 ms blocks) rising by
// more than kMaxOnsetRiseLu within kOnsetWindowSeconds to a level more than
// kOneShotMarginDb above the ambience. A fade back to the ambience after a
// scene change rises by about 7 LU in 400 ms and a one-shot at the margin by
// about 5 LU, so neither counts.
inline constexpr double kMaxOnsetRiseLu = 10.0;
inline constexpr double kOnsetWindowSeconds = 0.4;

// Highest true peak (ITU-R BS.1770, 4x oversampled), in dBTP: the ceiling EBU
// R128 sets for programmes, under the master volume's own hard ceiling.
inline constexpr double kMaxTruePeakDbtp = -1.0;

// Image motion at motion level still, in mean 8-bit luma change per second:
// still stops every animation, so nothing may change.
inline constexpr double kStillMaxImageMotion = 0.0;

}  // namespace stillwater::core
