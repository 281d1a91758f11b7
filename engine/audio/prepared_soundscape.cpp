#include "audio/prepared_soundscape.hpp"

#include "audio/loudness.hpp"
#include "audio/seamless_loop.hpp"
#include "audio/sound_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace stillwater::audio {

namespace {

// The gain each source may add on top of normalisation, in dB.
constexpr float kMaxSourceGainDb = 12.0F;

float source_gain_db(std::optional<double> loudness, float target_lufs, float gain_db) {
  return normalisation_gain_db(loudness, target_lufs) + std::min(gain_db, kMaxSourceGainDb);
}

void scale(Pcm& pcm, float gain) {
  for (float& sample : pcm.samples) {
    sample *= gain;
  }
}

// Raised-cosine ramps at both ends, so a one-shot neither starts nor stops with a step.
void apply_one_shot_ramps(Pcm& pcm) {
  const std::size_t frames = pcm.frames();
  const auto rate = static_cast<float>(pcm.sample_rate);
  const std::size_t ramp_in = std::min(frames / 2, static_cast<std::size_t>(kOneShotRampInSeconds * rate));
  const std::size_t ramp_out = std::min(frames / 2, static_cast<std::size_t>(kOneShotRampOutSeconds * rate));

  const auto weight = [](std::size_t step, std::size_t length) {
    const double phase = static_cast<double>(step) / static_cast<double>(length) * std::numbers::pi;
    return static_cast<float>(0.5 - 0.5 * std::cos(phase));
  };
  for (std::size_t frame = 0; frame < ramp_in; ++frame) {
    pcm.samples[frame] *= weight(frame, ramp_in);
  }
  for (std::size_t step = 0; step < ramp_out; ++step) {
    pcm.samples[frames - 1 - step] *= weight(step, ramp_out);
  }
}

void require_files(const scene::SoundSource& source) {
  if (source.files.empty()) {
    throw std::invalid_argument(
        fmt::format("sound source \"{}\" has no files: give it at least one sound file", source.name));
  }
}

// The level beds play at relative to the loudness target, in dB; one-shots
// are kept within kOneShotMarginDb of it. Without a bed, loops set it.
float reference_level_db(const scene::Soundscape& soundscape) {
  std::optional<float> beds;
  std::optional<float> loops;
  for (const auto& source : soundscape.sources) {
    auto& level = source.kind == scene::SoundKind::bed ? beds : loops;
    if (source.kind != scene::SoundKind::one_shot) {
      level = std::max(level.value_or(source.gain_db), source.gain_db);
    }
  }
  return std::min(beds.value_or(loops.value_or(0.0F)), kMaxSourceGainDb);
}

}  // namespace

PreparedSoundscape prepare_soundscape(const scene::Soundscape& soundscape) {
  PreparedSoundscape prepared;
  const float target = soundscape.loudness_target_lufs;
  const float one_shot_ceiling_db = reference_level_db(soundscape) + kOneShotMarginDb;

  for (const auto& source : soundscape.sources) {
    require_files(source);

    switch (source.kind) {
      case scene::SoundKind::bed: {
        const auto loudness = file_integrated_loudness(source.files.front(), ChannelTarget::stereo);
        const float gain_db = source_gain_db(loudness, target, source.gain_db);
        prepared.beds.push_back({source.name, source.files.front(), db_to_linear(gain_db)});
        break;
      }

      case scene::SoundKind::loop: {
        // Measured after the crossfade, so the level is that of what loops.
        Pcm pcm = decode_file(source.files.front(), ChannelTarget::mono);
        make_seamless(pcm);
        scale(pcm, db_to_linear(source_gain_db(integrated_loudness(pcm), target, source.gain_db)));
        prepared.loops.push_back({source.name, std::move(pcm), source.position, source.reference_distance_m});
        break;
      }

      case scene::SoundKind::one_shot: {
        // Loud plays are turned down so the loudest stays within the margin above the bed.
        const float low_db = std::min(source.gain_min_db, source.gain_max_db);
        const float high_db = std::max(source.gain_min_db, source.gain_max_db);
        const float loudest_db = source.gain_db + high_db;
        const float gain_db = loudest_db > one_shot_ceiling_db ? one_shot_ceiling_db - high_db : source.gain_db;
        if (gain_db < source.gain_db) {
          spdlog::warn("audio: one-shot \"{}\" turned down by {:.1f} dB to stay within {:.0f} dB of the bed",
                       source.name, source.gain_db - gain_db, kOneShotMarginDb);
        }

        PreparedOneShotSet set{source.name, {}, source.region, source.interval_min_s, source.interval_max_s,
                               low_db - high_db, 0.0F};
        for (const auto& path : source.files) {
          Pcm pcm = decode_file(path, ChannelTarget::mono);
          const float baked_db = source_gain_db(integrated_loudness(pcm), target, gain_db) + high_db;
          scale(pcm, db_to_linear(baked_db));
          apply_one_shot_ramps(pcm);
          set.sounds.push_back(std::move(pcm));
        }
        prepared.one_shots.push_back(std::move(set));
        break;
      }
    }
  }
  return prepared;
}

}  // namespace stillwater::audio
