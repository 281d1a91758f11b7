#include "core/session_controller.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <type_traits>
#include <utility>

namespace stillwater::core {

namespace {

constexpr double kSecondsPerMinute = 60.0;

bool is_playing(SessionState state) {
  return state == SessionState::fading_in || state == SessionState::running;
}

// States from which a session may still be paused, extended or ended gently.
bool is_adjustable(SessionState state) {
  return is_playing(state) || state == SessionState::paused;
}

std::optional<std::string> check_minutes(std::string_view what, float minutes, Range range) {
  if (range.contains(minutes)) {
    return std::nullopt;
  }
  return fmt::format("{} of {} minutes is outside the allowed range of {} to {} minutes. Choose a value in that range.",
                     what, minutes, range.min, range.max);
}

}  // namespace

double SessionController::steady_seconds() {
  using Seconds = std::chrono::duration<double>;
  return std::chrono::duration_cast<Seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

SessionController::SessionController(ComfortSettings settings, Clock clock)
    : clock_(std::move(clock)),
      settings_(settings),
      brightness_(settings.brightness, SessionPacing::brightness_rate),
      volume_(settings.volume, SessionPacing::volume_rate),
      motion_scale_(motion_scale(settings.motion), SessionPacing::motion_scale_rate),
      recline_deg_(settings.recline_deg, SessionPacing::recline_deg_rate),
      warm_colour_(settings.warm_colour ? 1.0F : 0.0F, SessionPacing::warm_colour_rate),
      breathing_strength_(settings.breathing_guide ? 1.0F : 0.0F, SessionPacing::breathing_strength_rate),
      breaths_per_minute_(settings.breaths_per_minute, SessionPacing::breaths_per_minute_rate),
      mono_shown_(settings.mono_view) {
  if (const auto problem = find_out_of_bounds(settings)) {
    throw std::invalid_argument(*problem);
  }
  status_.settings = settings;
}

std::optional<std::string> SessionController::post(Command command) {
  const double posted_s = clock_();
  if (auto rejection = check_values(command)) {
    return rejection;
  }
  const std::lock_guard lock(mutex_);
  if (auto rejection = check_state(command, status_after_queue())) {
    return rejection;
  }
  queue_.push_back({std::move(command), posted_s});
  return std::nullopt;
}

SessionStatus SessionController::status_after_queue() const {
  // The published status lags the queue by a frame, and by far longer when
  // the frame loop is held (a place shown, a headset session rebuilt). A
  // command already accepted counts as done, so the nurse's next command is
  // judged against the state it will meet: a scene change right after a
  // start is taken, and a second start is refused instead of being ignored
  // later. Only the commands that start or end a session move the state
  // here; the others leave it where check_state needs it.
  SessionStatus status = status_;
  for (const QueuedCommand& queued : queue_) {
    std::visit(
        [&status](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, StartSession>) {
            status.state = SessionState::fading_in;
          } else if constexpr (std::is_same_v<T, EndGently>) {
            status.state = SessionState::fading_out;
          } else if constexpr (std::is_same_v<T, StopNow> || std::is_same_v<T, ReportError>) {
            status.state = SessionState::ended;
          }
        },
        queued.command);
  }
  return status;
}

std::optional<std::string> SessionController::check_values(const Command& command) {
  return std::visit(
      [](const auto& value) -> std::optional<std::string> {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, StartSession>) {
          if (value.scene.empty()) {
            return "Choose a scene to start the session.";
          }
          return check_minutes("A session length", value.length_min, SessionBounds::length_min);
        } else if constexpr (std::is_same_v<T, ExtendSession>) {
          return check_minutes("An extension", value.minutes, SessionBounds::extend_min);
        } else if constexpr (std::is_same_v<T, ChangeScene>) {
          if (value.scene.empty()) {
            return "Choose a scene to change to.";
          }
        } else if constexpr (std::is_same_v<T, ChangeSettings>) {
          // Every bound is on one field alone, so the patch is checked over
          // the defaults.
          return find_out_of_bounds(apply_patch(ComfortSettings{}, value.patch));
        }
        return std::nullopt;
      },
      command);
}

std::optional<std::string> SessionController::check_state(const Command& command, const SessionStatus& status) {
  const SessionState state = status.state;
  return std::visit(
      [&](const auto& value) -> std::optional<std::string> {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, StartSession>) {
          if (is_active(state)) {
            return "A session is already under way. End it before starting another.";
          }
        } else if constexpr (std::is_same_v<T, PauseSession>) {
          if (!is_playing(state)) {
            return "No session is playing, so there is nothing to pause.";
          }
        } else if constexpr (std::is_same_v<T, ResumeSession>) {
          if (state != SessionState::paused) {
            return "No session is paused, so there is nothing to resume.";
          }
          if (!status.headset_worn) {
            return "The headset is not being worn. The session resumes by itself when it is put back on.";
          }
        } else if constexpr (std::is_same_v<T, ExtendSession>) {
          if (state == SessionState::fading_out) {
            return "The session is already ending and cannot be extended.";
          }
          if (!is_adjustable(state)) {
            return "No session is under way, so there is nothing to extend.";
          }
        } else if constexpr (std::is_same_v<T, EndGently>) {
          if (state == SessionState::fading_out) {
            return "The session is already ending.";
          }
          if (!is_adjustable(state)) {
            return "No session is under way, so there is nothing to end.";
          }
        } else if constexpr (std::is_same_v<T, ChangeScene>) {
          if (!is_adjustable(state)) {
            return "No session is under way. Choose the scene when starting one.";
          }
        }
        (void)value;
        return std::nullopt;
      },
      command);
}

SessionStatus SessionController::snapshot() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

std::vector<SessionEvent> SessionController::take_events() {
  const std::lock_guard lock(mutex_);
  return std::exchange(events_, {});
}

SessionFrame SessionController::advance(double now_s) {
  const double dt_s = last_now_s_ ? std::max(0.0, now_s - *last_now_s_) : 0.0;
  last_now_s_ = now_s;
  ++frame_count_;

  // Swap the queue out so the lock is held only for the swap.
  applying_.clear();
  {
    const std::lock_guard lock(mutex_);
    std::swap(applying_, queue_);
  }
  for (const QueuedCommand& queued : applying_) {
    apply(queued, now_s);
  }

  update_timer(dt_s, now_s);
  update_levels(now_s);
  update_comfort(dt_s);

  SessionFrame frame;
  update_dips(dt_s, frame);
  frame.state = state_;
  frame.picture_fade = picture_level_ * picture_dip_.value();
  frame.audio_fade = audio_level_ * audio_dip_.value();
  frame.brightness = brightness_.value();
  frame.volume = volume_.value();
  frame.motion_scale = motion_scale_.value();
  frame.recline_deg = recline_deg_.value();
  frame.warm_colour = warm_colour_.value();
  frame.mono_view = mono_shown_;
  frame.breathing_strength = breathing_strength_.value();
  frame.breathing_phase = static_cast<float>(breathing_phase_);
  frame.scene = scene_;
  frame.time_left_s = time_left_s_;

  publish();
  return frame;
}

void SessionController::apply(const QueuedCommand& queued, double now_s) {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, StartSession>) {
          apply_start(value, now_s);
        } else if constexpr (std::is_same_v<T, PauseSession>) {
          if (is_playing(state_)) {
            paused_by_nurse_ = true;
            pause(now_s);
          } else {
            spdlog::info("session: pause ignored in state {}", to_string(state_));
          }
        } else if constexpr (std::is_same_v<T, ResumeSession>) {
          if (state_ == SessionState::paused && headset_worn_) {
            paused_by_nurse_ = false;
            resume(now_s);
          } else {
            spdlog::info("session: resume ignored in state {} (headset worn: {})", to_string(state_), headset_worn_);
          }
        } else if constexpr (std::is_same_v<T, ExtendSession>) {
          if (is_adjustable(state_)) {
            const double added_s = value.minutes * kSecondsPerMinute;
            planned_s_ += added_s;
            time_left_s_ += added_s;
            spdlog::info("session: extended by {} min, {:.0f} s left", value.minutes, time_left_s_);
          } else {
            spdlog::info("session: extend ignored in state {}", to_string(state_));
          }
        } else if constexpr (std::is_same_v<T, EndGently>) {
          if (is_adjustable(state_)) {
            begin_fade_out(settings_.fade_out_s, SessionEventKind::ended_early, now_s);
          } else {
            spdlog::info("session: end gently ignored in state {}", to_string(state_));
          }
        } else if constexpr (std::is_same_v<T, StopNow>) {
          spdlog::info("session: stop now");
          stop(std::min(queued.posted_s, now_s), SessionEventKind::stopped_now, now_s);
        } else if constexpr (std::is_same_v<T, Recenter>) {
          pending_recenter_ = true;
        } else if constexpr (std::is_same_v<T, ChangeScene>) {
          if (is_adjustable(state_)) {
            pending_scene_ = value.scene;
          } else {
            spdlog::info("session: scene change ignored in state {}", to_string(state_));
          }
        } else if constexpr (std::is_same_v<T, ChangeSettings>) {
          apply_settings(value.patch);
        } else if constexpr (std::is_same_v<T, HeadsetWorn>) {
          apply_headset(value.worn, now_s);
        } else if constexpr (std::is_same_v<T, ReportError>) {
          spdlog::error("session: {}", value.message);
          last_error_ = value.message;
          stop(now_s, SessionEventKind::error, now_s);
        }
      },
      queued.command);
}

void SessionController::apply_start(const StartSession& start, double now_s) {
  if (is_active(state_)) {
    spdlog::info("session: start ignored in state {}", to_string(state_));
    return;
  }
  spdlog::info("session: starting '{}' for {} min", start.scene, start.length_min);
  scene_ = start.scene;
  pending_scene_.reset();
  pending_recenter_ = false;
  planned_s_ = start.length_min * kSecondsPerMinute;
  time_left_s_ = planned_s_;
  played_s_ = 0.0;
  paused_by_nurse_ = false;
  paused_by_headset_ = false;
  last_error_.clear();
  emit(SessionEventKind::started, now_s);

  if (!headset_worn_) {
    // Waits, dimmed, until the headset is put on, and then fades in.
    set_state(SessionState::fading_in);
    paused_by_headset_ = true;
    pause(now_s);
    return;
  }
  set_state(SessionState::fading_in);
  begin_level_fade(1.0F, 1.0F, settings_.fade_in_s, now_s);
}

void SessionController::apply_headset(bool worn, double now_s) {
  if (worn == headset_worn_) {
    return;
  }
  headset_worn_ = worn;
  spdlog::info("session: headset {}", worn ? "put on" : "taken off");

  if (!worn && is_playing(state_)) {
    paused_by_headset_ = true;
    emit(SessionEventKind::headset_removed, now_s);
    pause(now_s);
  } else if (!worn && state_ == SessionState::paused) {
    // Already paused by the nurse; the session stays paused when it is worn again.
    emit(SessionEventKind::headset_removed, now_s);
  } else if (worn && state_ == SessionState::paused && paused_by_headset_ && !paused_by_nurse_) {
    resume(now_s);
  }
  if (worn) {
    paused_by_headset_ = false;
  }
}

void SessionController::apply_settings(const ComfortPatch& patch) {
  const ComfortSettings next = apply_patch(settings_, patch);
  if (const auto problem = find_out_of_bounds(next)) {
    spdlog::warn("session: settings change ignored: {}", *problem);
    return;
  }
  settings_ = next;
  spdlog::info(
      "session: settings brightness {} volume {} motion {} recline {} deg warm {} mono {} breathing {} at {}/min "
      "fades {} s in, {} s out",
      next.brightness, next.volume, to_string(next.motion), next.recline_deg, next.warm_colour, next.mono_view,
      next.breathing_guide, next.breaths_per_minute, next.fade_in_s, next.fade_out_s);
  if (next.mono_view != mono_shown_) {
    pending_mono_ = next.mono_view;
  } else {
    pending_mono_.reset();
  }
}

void SessionController::pause(double now_s) {
  set_state(SessionState::paused);
  begin_level_fade(SessionPacing::paused_picture, SessionPacing::paused_audio, SessionPacing::pause_fade_s, now_s);
}

void SessionController::resume(double now_s) {
  set_state(SessionState::fading_in);
  begin_level_fade(1.0F, 1.0F, SessionPacing::resume_fade_s, now_s);
}

void SessionController::stop(double from_s, SessionEventKind kind, double now_s) {
  const bool was_active = is_active(state_);
  pending_scene_.reset();
  pending_recenter_ = false;
  time_left_s_ = 0.0;
  paused_by_nurse_ = false;
  paused_by_headset_ = false;
  set_state(SessionState::ended);
  begin_level_fade(0.0F, 0.0F, SessionPacing::stop_now_fade_s, from_s);
  if (was_active || kind == SessionEventKind::error) {
    emit(kind, now_s, kind == SessionEventKind::error ? last_error_ : std::string{});
  }
}

void SessionController::begin_fade_out(double duration_s, SessionEventKind reason, double now_s) {
  end_reason_ = reason;
  paused_by_nurse_ = false;
  paused_by_headset_ = false;
  set_state(SessionState::fading_out);
  // The fade-out replaces the time left, so no other countdown remains.
  time_left_s_ = std::max(0.0, duration_s);
  begin_level_fade(0.0F, 0.0F, time_left_s_, now_s);
  if (time_left_s_ <= 0.0) {
    finish(now_s);
  }
}

void SessionController::finish(double now_s) {
  time_left_s_ = 0.0;
  set_state(SessionState::ended);
  // The fade's own clock can trail the countdown by a frame, so the ended
  // session goes to black and silence at once rather than a frame later.
  begin_level_fade(0.0F, 0.0F, 0.0, now_s);
  emit(end_reason_, now_s);
}

void SessionController::set_state(SessionState next) {
  if (next == state_) {
    return;
  }
  spdlog::info("session: {} -> {}", to_string(state_), to_string(next));
  state_ = next;
}

void SessionController::begin_level_fade(float picture_to, float audio_to, double duration_s, double start_s) {
  fade_from_picture_ = picture_level_;
  fade_from_audio_ = audio_level_;
  fade_to_picture_ = picture_to;
  fade_to_audio_ = audio_to;
  fade_start_s_ = start_s;
  fade_duration_s_ = duration_s;
}

void SessionController::emit(SessionEventKind kind, double now_s, std::string message) {
  const std::lock_guard lock(mutex_);
  events_.push_back({kind, scene_, planned_s_, played_s_, now_s, std::move(message)});
}

void SessionController::update_timer(double dt_s, double now_s) {
  const bool counting =
      state_ == SessionState::fading_in || state_ == SessionState::running || state_ == SessionState::fading_out;
  if (!counting) {
    return;
  }
  time_left_s_ -= dt_s;
  played_s_ += dt_s;

  if (state_ == SessionState::fading_in && now_s >= fade_start_s_ + fade_duration_s_) {
    set_state(SessionState::running);
  }
  if (is_playing(state_) && time_left_s_ <= settings_.fade_out_s) {
    begin_fade_out(time_left_s_, SessionEventKind::completed, now_s);
  } else if (state_ == SessionState::fading_out && time_left_s_ <= 0.0) {
    // Played time counts the planned length only, not the part of the last
    // frame that ran past it.
    played_s_ += time_left_s_;
    finish(now_s);
  }
}

void SessionController::update_levels(double now_s) {
  if (state_ == SessionState::fading_out) {
    // Follows the single countdown, so the picture is black when time runs out.
    const double remaining = fade_duration_s_ > 0.0 ? std::clamp(time_left_s_ / fade_duration_s_, 0.0, 1.0) : 0.0;
    picture_level_ = fade_from_picture_ * static_cast<float>(remaining);
    audio_level_ = fade_from_audio_ * static_cast<float>(remaining);
    return;
  }
  const double progress =
      fade_duration_s_ > 0.0 ? std::clamp((now_s - fade_start_s_) / fade_duration_s_, 0.0, 1.0) : 1.0;
  const auto blend = [progress](float from, float to) { return from + (to - from) * static_cast<float>(progress); };
  picture_level_ = blend(fade_from_picture_, fade_to_picture_);
  audio_level_ = blend(fade_from_audio_, fade_to_audio_);
}

void SessionController::update_comfort(double dt_s) {
  brightness_.set_target(settings_.brightness);
  volume_.set_target(settings_.volume);
  motion_scale_.set_target(motion_scale(settings_.motion));
  recline_deg_.set_target(settings_.recline_deg);
  warm_colour_.set_target(settings_.warm_colour ? 1.0F : 0.0F);
  breathing_strength_.set_target(settings_.breathing_guide ? 1.0F : 0.0F);
  breaths_per_minute_.set_target(settings_.breaths_per_minute);

  for (Ramp* ramp : {&brightness_, &volume_, &motion_scale_, &recline_deg_, &warm_colour_, &breathing_strength_,
                     &breaths_per_minute_}) {
    ramp->step(dt_s);
  }

  // The phase integrates the pace, so a pace change never makes the light jump.
  breathing_phase_ = std::fmod(breathing_phase_ + breaths_per_minute_.value() / kSecondsPerMinute * dt_s, 1.0);
}

void SessionController::update_dips(double dt_s, SessionFrame& frame) {
  const bool picture_change = pending_recenter_ || pending_mono_.has_value() || pending_scene_.has_value();
  if (!picture_change && picture_dip_.value() >= 1.0F && audio_dip_.value() >= 1.0F) {
    scene_dip_ = false;
  }
  const bool scene_fade = scene_dip_ || pending_scene_.has_value();
  picture_dip_.set_rate(1.0F / (scene_fade ? SessionPacing::scene_fade_s : SessionPacing::dip_s));
  picture_dip_.set_target(picture_change ? 0.0F : 1.0F);
  audio_dip_.set_target(pending_scene_ ? 0.0F : 1.0F);
  picture_dip_.step(dt_s);
  audio_dip_.step(dt_s);

  // Changes apply on the frame that is black. When the session's own picture
  // is already black (idle, ended), nothing needs hiding, so they apply at once.
  const bool black = picture_level_ <= 0.0F || picture_dip_.value() <= 0.0F;
  const bool silent = !pending_scene_ || audio_level_ <= 0.0F || audio_dip_.value() <= 0.0F;
  if (!picture_change || !black || !silent) {
    return;
  }
  frame.recenter = pending_recenter_;
  if (pending_mono_) {
    mono_shown_ = *pending_mono_;
  }
  if (pending_scene_) {
    spdlog::info("session: scene '{}' -> '{}'", scene_, *pending_scene_);
    scene_ = std::move(*pending_scene_);
    scene_dip_ = true;
  }
  pending_recenter_ = false;
  pending_mono_.reset();
  pending_scene_.reset();
}

void SessionController::publish() {
  const std::lock_guard lock(mutex_);
  status_.state = state_;
  status_.scene = scene_;
  status_.planned_s = planned_s_;
  status_.played_s = played_s_;
  status_.time_left_s = time_left_s_;
  status_.headset_worn = headset_worn_;
  status_.paused_by_headset = paused_by_headset_;
  status_.settings = settings_;
  status_.last_error = last_error_;
  status_.frame = frame_count_;
}

}  // namespace stillwater::core
