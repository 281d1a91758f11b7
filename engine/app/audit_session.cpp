#include "app/audit_session.hpp"

#include "app/frame_state.hpp"
#include "audio/audio_device.hpp"
#include "audio/audio_engine.hpp"
#include "audit/image_motion.hpp"
#include "audit/loudness_meter.hpp"
#include "audit/luminance_flashes.hpp"
#include "audit/onsets.hpp"
#include "audit/relative_luminance.hpp"
#include "core/calmness_limits.hpp"
#include "core/session_controller.hpp"
#include "render/offscreen_renderer.hpp"
#include "render/view.hpp"

#include <glm/gtc/quaternion.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace stillwater::app {

namespace {

// The controller and the sound advance in steps of 10 ms, like a 100 Hz
// frame loop; pictures are rendered on some of those steps.
constexpr int kStepsPerSecond = 100;
constexpr std::size_t kStepFrames = audio::kLoopbackSampleRate / kStepsPerSecond;

// The patient's head is turned this far to the left throughout, so the
// recentring turns the world behind its dip to black.
constexpr float kHeadYawDeg = 20.0F;
constexpr float kVerticalFovDeg = 60.0F;

// Seconds to stay at a motion level once its ramp has settled, to measure it.
constexpr double kMotionHoldSeconds = 1.0;

struct ScriptStep {
  double at_s = 0.0;
  core::Command command;
};

// The commands a nurse gives during the audited session, and the moments
// the rules look at.
struct Script {
  std::vector<ScriptStep> steps;
  double gentle_end_at_s = 0.0;
  double stop_now_at_s = 0.0;
  double end_s = 0.0;
};

double motion_ramp_seconds(core::MotionLevel from, core::MotionLevel to) {
  return std::abs(core::motion_scale(to) - core::motion_scale(from)) / core::SessionPacing::motion_scale_rate;
}

core::Command set_motion(core::MotionLevel level) {
  core::ComfortPatch patch;
  patch.motion = level;
  return core::ChangeSettings{patch};
}

// The session starts at motion level still, so the fade in already shows
// it and only two ramps are waited for.
Script make_script(const std::string& scene_id, const core::ComfortSettings& settings) {
  using core::MotionLevel;
  using core::SessionPacing;
  Script script;
  script.steps.push_back({0.0, core::StartSession{scene_id, core::SessionBounds::length_min.max}});

  double at_s = settings.fade_in_s + 0.2 + kMotionHoldSeconds;
  script.steps.push_back({at_s, set_motion(MotionLevel::gentle)});
  at_s += motion_ramp_seconds(MotionLevel::still, MotionLevel::gentle) + kMotionHoldSeconds;
  script.steps.push_back({at_s, set_motion(MotionLevel::lively)});
  at_s += motion_ramp_seconds(MotionLevel::gentle, MotionLevel::lively) + kMotionHoldSeconds;

  script.steps.push_back({at_s, core::Recenter{}});
  at_s += 2.0 * SessionPacing::dip_s + 0.3;
  script.steps.push_back({at_s, core::ChangeScene{scene_id}});
  at_s += 2.0 * SessionPacing::scene_fade_s + 0.5;

  script.gentle_end_at_s = at_s;
  script.steps.push_back({at_s, core::EndGently{}});
  at_s += settings.fade_out_s + 0.3;

  // A second session, stopped at once when fully faded in.
  script.steps.push_back({at_s, core::StartSession{scene_id, core::SessionBounds::length_min.max}});
  at_s += settings.fade_in_s + 1.0;
  script.stop_now_at_s = at_s;
  script.steps.push_back({at_s, core::StopNow{}});
  script.end_s = at_s + core::kStopNowMaxSeconds + 0.5;
  return script;
}

// Measures of the pictures, fed one rendered frame at a time.
class PictureMeasures {
 public:
  PictureMeasures(std::uint32_t width, std::uint32_t height) {
    const float aspect = static_cast<float>(width) / static_cast<float>(height);
    const double vertical_deg = kVerticalFovDeg;
    const double horizontal_deg =
        glm::degrees(2.0 * std::atan(std::tan(glm::radians(vertical_deg) / 2.0) * static_cast<double>(aspect)));
    columns_ = std::clamp(static_cast<std::uint32_t>(std::lround(horizontal_deg / core::kFlashTileDegrees)), 1U, width);
    rows_ = std::clamp(static_cast<std::uint32_t>(std::lround(vertical_deg / core::kFlashTileDegrees)), 1U, height);
    // One more region for the whole picture.
    flashes_ = audit::FlashCounter(static_cast<std::size_t>(columns_) * rows_ + 1);
  }

  // Adds a frame rendered at `time_s`. `motion` is the level it showed at
  // full light with its ramp settled, or nothing while fading, dipping or
  // changing level. Only pairs of such frames at one level count as motion.
  void add(double time_s, core::Rgba8Image picture, std::optional<core::MotionLevel> motion) {
    std::vector<double> regions = audit::tile_luminance(picture, columns_, rows_);
    const double mean = audit::mean_relative_luminance(picture);
    regions.push_back(mean);
    flashes_.add_frame(time_s, regions);
    change_.add_frame(time_s, mean);

    if (motion && last_motion_ == motion) {
      motion_[static_cast<std::size_t>(*motion)].add_pair(last_picture_, picture, time_s - last_time_s_);
    }
    last_picture_ = std::move(picture);
    last_motion_ = motion;
    last_time_s_ = time_s;
    last_luminance_ = mean;
    ++frames_;
  }

  [[nodiscard]] double last_luminance() const { return last_luminance_; }

  void write(audit::AuditMeasurements& measured) const {
    measured.frames = frames_;
    measured.flashes = flashes_.summary();
    measured.max_luminance_change_per_second = change_.max_change_per_second();
    measured.max_luminance_change_at_s = change_.max_change_at_s();
    for (std::size_t level = 0; level < motion_.size(); ++level) {
      measured.motion[level].level = static_cast<core::MotionLevel>(level);
      measured.motion[level].per_second = motion_[level].per_second();
      measured.motion[level].pairs = motion_[level].pairs();
    }
  }

 private:
  std::uint32_t columns_ = 1;
  std::uint32_t rows_ = 1;
  audit::FlashCounter flashes_{1};
  audit::LuminanceChangeMeter change_;
  std::array<audit::ImageMotionMeter, 3> motion_{};
  core::Rgba8Image last_picture_;
  std::optional<core::MotionLevel> last_motion_;
  double last_time_s_ = 0.0;
  double last_luminance_ = 0.0;
  std::size_t frames_ = 0;
};

// The motion level a frame shows steadily, if any.
std::optional<core::MotionLevel> steady_motion(const core::SessionFrame& session, core::MotionLevel requested) {
  if (session.state != core::SessionState::running || session.picture_fade < 1.0F ||
      session.motion_scale != core::motion_scale(requested)) {
    return std::nullopt;
  }
  return requested;
}

double step_peak_dbfs(const std::vector<float>& mix, std::size_t first_step, std::size_t steps) {
  const std::size_t begin = std::min(mix.size(), first_step * kStepFrames * 2);
  const std::size_t end = std::min(mix.size(), (first_step + steps) * kStepFrames * 2);
  return audit::sample_peak_dbfs(std::span<const float>(mix).subspan(begin, end - begin));
}

void measure_sound(const std::vector<float>& mix, const std::vector<bool>& full_level_steps,
                   audit::AuditMeasurements& measured) {
  const audit::LoudnessMeasurement loudness = audit::measure_loudness(mix, audio::kLoopbackSampleRate);
  measured.integrated_lufs = loudness.integrated_lufs;
  measured.max_momentary_lufs = loudness.max_momentary_lufs;
  measured.max_momentary_at_s = loudness.max_momentary_at_s;
  measured.true_peak_dbtp = loudness.true_peak_dbtp;

  // A momentary block is at full level when every step of its 400 ms was.
  const auto steps_per_reading = static_cast<std::size_t>(std::lround(audit::kMomentaryStepSeconds * kStepsPerSecond));
  const auto steps_per_block = static_cast<std::size_t>(std::lround(0.4 * kStepsPerSecond));
  std::vector<bool> full_blocks(loudness.momentary_lufs.size());
  for (std::size_t reading = 0; reading < full_blocks.size(); ++reading) {
    const std::size_t end = (reading + 1) * steps_per_reading;
    const std::size_t begin = end >= steps_per_block ? end - steps_per_block : 0;
    full_blocks[reading] = end <= full_level_steps.size() &&
                           std::all_of(full_level_steps.begin() + static_cast<std::ptrdiff_t>(begin),
                                       full_level_steps.begin() + static_cast<std::ptrdiff_t>(end),
                                       [](bool full) { return full; });
  }
  // std::vector<bool> has no contiguous storage for a span.
  const std::unique_ptr<bool[]> flags = std::make_unique<bool[]>(full_blocks.size());
  std::copy(full_blocks.begin(), full_blocks.end(), flags.get());
  measured.onsets = audit::find_onsets(loudness.momentary_lufs, std::span<const bool>(flags.get(), full_blocks.size()),
                                       audit::kMomentaryStepSeconds);
}

}  // namespace

audit::AuditMeasurements run_audit_session(const render::Context& context, const AuditPlan& plan) {
  // The shortest fades the nurse may set are the fastest changes of light
  // and sound a session can make; the place's own fades are slower.
  core::ComfortSettings settings = plan.scene ? plan.scene->comfort : core::ComfortSettings{};
  settings.fade_in_s = core::ComfortBounds::fade_in_s.min;
  settings.fade_out_s = core::ComfortBounds::fade_out_s.min;
  settings.motion = core::MotionLevel::still;
  const Script script = make_script(plan.scene_id, settings);
  spdlog::info("Auditing {}: {:.1f} s of session at {}x{}, {} pictures per second", plan.scene_id, script.end_s,
               plan.width, plan.height, plan.frames_per_second);

  double now_s = 0.0;
  core::SessionController controller(settings, [&now_s] { return now_s; });

  render::OffscreenRenderer renderer(context, {plan.width, plan.height});
  audio::AudioEngine sound(audio::DeviceChoice::loopback);
  const auto show_place = [&] {
    if (plan.scene) {
      renderer.set_scene(*plan.scene);
      sound.load(plan.scene->sound);
    } else {
      sound.load(scene::Soundscape{});
    }
  };
  show_place();

  render::View head;
  head.fov = render::symmetric_fov(glm::radians(kVerticalFovDeg),
                                   static_cast<float>(plan.width) / static_cast<float>(plan.height));
  head.orientation = glm::angleAxis(glm::radians(kHeadYawDeg), glm::vec3(0.0F, 1.0F, 0.0F));

  audit::AuditMeasurements measured;
  measured.scene = plan.scene_id;
  measured.width = plan.width;
  measured.height = plan.height;
  measured.frames_per_second = plan.frames_per_second;
  measured.seconds = script.end_s;

  PictureMeasures pictures(plan.width, plan.height);
  const auto total_steps = static_cast<std::size_t>(std::ceil(script.end_s * kStepsPerSecond));
  std::vector<float> mix(total_steps * kStepFrames * 2);
  std::vector<bool> full_level_steps(total_steps);

  std::size_t next_command = 0;
  core::MotionLevel requested_motion = settings.motion;
  float recenter_yaw = 0.0F;
  float scene_time_s = 0.0F;
  std::size_t next_frame = 0;
  bool awaiting_scene_change = false;
  std::optional<std::size_t> gentle_end_step;
  const auto stop_check_step = static_cast<std::size_t>(
      std::lround((script.stop_now_at_s + core::kStopNowMaxSeconds) * kStepsPerSecond));

  for (std::size_t step = 0; step < total_steps; ++step) {
    now_s = static_cast<double>(step) / kStepsPerSecond;
    while (next_command < script.steps.size() && script.steps[next_command].at_s <= now_s + 1e-9) {
      const core::Command& command = script.steps[next_command].command;
      if (const auto* change = std::get_if<core::ChangeSettings>(&command); change && change->patch.motion) {
        requested_motion = *change->patch.motion;
      }
      awaiting_scene_change = awaiting_scene_change || std::holds_alternative<core::ChangeScene>(command);
      if (const auto rejected = controller.post(command)) {
        throw std::runtime_error("the audit's session rejected a command: " + *rejected);
      }
      ++next_command;
    }

    const core::SessionFrame session = controller.advance(now_s);
    scene_time_s += static_cast<float>(1.0 / kStepsPerSecond) * session.motion_scale;

    // The controller changes the scene at the bottom of its fade, where the
    // session loop loads the new place. The audit reloads the same place:
    // each scene's audit then covers both halves of a change to or from it.
    if (awaiting_scene_change && session.picture_fade <= 0.0F && session.audio_fade <= 0.0F) {
      show_place();
      awaiting_scene_change = false;
    }
    if (session.recenter) {
      recenter_yaw = -glm::radians(kHeadYawDeg);
    }

    const render::View view = render::posture_view(head, session.recline_deg, recenter_yaw);
    sound.update(audio::ListenerPose{view.position, view.orientation},
                 audio::AudioFrame{session.audio_fade, session.volume, requested_motion}, now_s);
    sound.render(std::span<float>(mix).subspan(step * kStepFrames * 2, kStepFrames * 2));
    full_level_steps[step] = session.audio_fade >= 1.0F && session.state == core::SessionState::running;

    if (now_s + 1e-9 >= static_cast<double>(next_frame) / plan.frames_per_second) {
      ++next_frame;
      const bool flash_white = plan.test_flash_hz > 0.0 && session.state == core::SessionState::running &&
                               static_cast<long>(std::floor(now_s * 2.0 * plan.test_flash_hz)) % 2 == 1;
      // NOTE: on lavapipe (Mesa 22.3.6) each render of a scene grows the
      // program's memory by about 35 MB, for reasons not yet found.
      core::Rgba8Image picture = flash_white ? renderer.render_solid(glm::vec4(1.0F))
                                             : renderer.render(view, session_frame_state(session, scene_time_s));
      pictures.add(now_s, std::move(picture), steady_motion(session, requested_motion));

      if (step == 0) {
        measured.start = {true, now_s, pictures.last_luminance(), step_peak_dbfs(mix, step, 1)};
      }
      if (!gentle_end_step && now_s > script.gentle_end_at_s && session.state == core::SessionState::ended) {
        gentle_end_step = step;
        measured.gentle_end = {true, now_s, pictures.last_luminance(), step_peak_dbfs(mix, step, 1)};
      }
      if (step >= stop_check_step && !measured.stop_now.observed) {
        measured.stop_now = {true, now_s, pictures.last_luminance(), 0.0};
      }
    }
  }

  // Sound after the moments above is only known now: 100 ms after the
  // gentle end and 500 ms after stop now's deadline.
  if (gentle_end_step) {
    measured.gentle_end.peak_dbfs = step_peak_dbfs(mix, *gentle_end_step, kStepsPerSecond / 10);
  }
  measured.stop_now.peak_dbfs = step_peak_dbfs(mix, stop_check_step, kStepsPerSecond / 2);

  pictures.write(measured);
  measure_sound(mix, full_level_steps, measured);
  spdlog::info("Audit of {} rendered {} pictures", plan.scene_id, measured.frames);
  return measured;
}

}  // namespace stillwater::app
