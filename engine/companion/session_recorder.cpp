#include "companion/session_recorder.hpp"

#include "companion/api_json.hpp"
#include "records/utc_time.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace stillwater::companion {

namespace {

std::chrono::seconds whole_seconds(double seconds) {
  return std::chrono::seconds(std::llround(std::max(0.0, seconds)));
}

}  // namespace

std::string_view to_string(RecordsState state) {
  switch (state) {
    case RecordsState::recording:
      return "recording";
    case RecordsState::failing:
      return "failing";
    case RecordsState::unavailable:
      return "unavailable";
    case RecordsState::without_records:
      return "without_records";
  }
  return "unavailable";
}

records::Outcome outcome_of(core::SessionEventKind end, bool headset_worn) {
  switch (end) {
    case core::SessionEventKind::completed:
      return records::Outcome::completed;
    case core::SessionEventKind::ended_early:
      return headset_worn ? records::Outcome::ended_early : records::Outcome::headset_removed;
    case core::SessionEventKind::stopped_now:
      return headset_worn ? records::Outcome::stopped_now : records::Outcome::headset_removed;
    case core::SessionEventKind::headset_removed:
      return records::Outcome::headset_removed;
    case core::SessionEventKind::error:
    case core::SessionEventKind::started:
      break;
  }
  return records::Outcome::error;
}

SessionRecorder::SessionRecorder(records::Store store, records::WriterOptions options)
    : database_(store.path().string()) {
  writer_ = std::make_unique<records::Writer>(std::move(store), std::move(options));
}

SessionRecorder::SessionRecorder(records::Unavailable reason, bool agreed)
    : database_(reason.path.string()), unavailable_(std::move(reason)), agreed_(agreed) {
  spdlog::warn("Records: {} ({}); {}", unavailable_->path.string(), records::to_string(unavailable_->failure),
               agreed_ ? "sessions run without records" : "waiting for the nurse to agree to run without records");
}

SessionRecorder::SessionRecorder(std::string message) : off_message_(std::move(message)) {
  spdlog::info("Records: turned off for this run");
}

SessionRecorder::~SessionRecorder() {
  try {
    const std::lock_guard lock(mutex_);
    if (running_ && writer_) {
      spdlog::warn("Records: the program closed during a session; recording it as an error");
      writer_->finish(running_->ticket, records::Outcome::error, whole_seconds(played_s_), records::now_utc());
    }
  } catch (const std::exception& error) {
    spdlog::error("Records: ending the running session failed: {}", error.what());
  }
}

void SessionRecorder::set_default_label(std::string label) {
  const std::lock_guard lock(mutex_);
  default_label_ = std::move(label);
}

void SessionRecorder::observe(const std::vector<core::SessionEvent>& events, const core::SessionStatus& status) {
  for (const core::SessionEvent& event : events) {
    switch (event.kind) {
      case core::SessionEventKind::started:
        begin(event, status);
        break;
      case core::SessionEventKind::headset_removed:
        // A pause, not an end: the outcome depends on whether the headset
        // is back on when the session ends.
        break;
      case core::SessionEventKind::completed:
      case core::SessionEventKind::ended_early:
      case core::SessionEventKind::stopped_now:
      case core::SessionEventKind::error:
        finish(outcome_of(event.kind, status.headset_worn), event.played_s, status.settings);
        break;
    }
  }
}

void SessionRecorder::begin(const core::SessionEvent& event, const core::SessionStatus& status) {
  const std::lock_guard lock(mutex_);
  std::optional<SessionStartRecord> prepared = std::exchange(prepared_, std::nullopt);
  last_ended_.reset();
  if (!writer_) {
    return;
  }

  records::NewSession session;
  session.label = prepared && !prepared->label.empty() ? prepared->label : default_label_;
  session.scene = event.scene;
  session.planned = whole_seconds(event.planned_s);
  session.comfort = status.settings;
  session.started_at = records::now_utc();
  if (prepared) {
    session.before = prepared->before;
  }
  try {
    const records::Ticket ticket = writer_->begin(session);
    running_ = Session{ticket, session.label};
    played_s_ = 0.0;
  } catch (const records::InvalidRecord& error) {
    // The server checks label and scores before a start is accepted, so
    // this is a fault of the program, not of the nurse's entry.
    spdlog::error("Records: the session is not recorded: {}", error.what());
  }
}

void SessionRecorder::finish(records::Outcome outcome, double played_s, const core::ComfortSettings& comfort) {
  const std::lock_guard lock(mutex_);
  if (!running_ || !writer_) {
    return;
  }
  writer_->finish(running_->ticket, outcome, whole_seconds(played_s), records::now_utc(), comfort);
  last_ended_ = std::exchange(running_, std::nullopt);
}

void SessionRecorder::progress(double played_s) {
  const std::lock_guard lock(mutex_);
  if (running_ && writer_) {
    played_s_ = played_s;
    writer_->progress(running_->ticket, whole_seconds(played_s));
  }
}

void SessionRecorder::close_running(records::Outcome outcome, const core::SessionStatus& status) {
  finish(outcome, status.played_s, status.settings);
}

void SessionRecorder::flush() {
  if (writer_) {
    writer_->flush();
  }
}

RecordsStatus SessionRecorder::status() const {
  RecordsStatus result;
  result.file = database_;
  if (unavailable_) {
    const std::lock_guard lock(mutex_);
    result.state = agreed_ ? RecordsState::without_records : RecordsState::unavailable;
    result.message = as_sentence(unavailable_->message);
    if (unavailable_->kept_copy) {
      result.kept_copy = unavailable_->kept_copy->string();
    }
    return result;
  }
  if (!writer_) {
    result.state = RecordsState::without_records;
    result.message = off_message_;
    return result;
  }
  const records::WriterHealth health = writer_->health();
  result.state = health.state == records::WriterState::recording ? RecordsState::recording : RecordsState::failing;
  result.message = health.state == records::WriterState::recording ? std::string() : as_sentence(health.message);
  return result;
}

std::optional<std::string> SessionRecorder::prepare_session(const SessionStartRecord& record) {
  const std::lock_guard lock(mutex_);
  if (unavailable_ && !agreed_) {
    return fmt::format("Session records cannot be kept. {} To start the session anyway, choose \"Continue without "
                       "records\": nothing of the session will be recorded.",
                       as_sentence(unavailable_->message));
  }
  prepared_ = record;
  return std::nullopt;
}

void SessionRecorder::discard_prepared() {
  const std::lock_guard lock(mutex_);
  prepared_.reset();
}

std::optional<std::string> SessionRecorder::scores_after(const std::optional<std::string>& label,
                                                         const WellbeingScores& after) {
  const std::lock_guard lock(mutex_);
  if (running_) {
    return "The session is still running. Enter the after scores once it has ended.";
  }
  if (!last_ended_) {
    return "No recorded session has ended since Stillwater started, so there is no session for these scores.";
  }
  if (label && *label != last_ended_->label) {
    // Neither label goes into the message: messages may be logged.
    return "The label does not match the last session's label. Check the bed or room code.";
  }
  if (writer_) {
    writer_->set_scores(last_ended_->ticket, records::Phase::after, after);
  }
  return std::nullopt;
}

bool SessionRecorder::continue_without_records() {
  const std::lock_guard lock(mutex_);
  if (!unavailable_ || agreed_) {
    return false;
  }
  agreed_ = true;
  spdlog::warn("Records: the nurse agreed to run sessions without records");
  return true;
}

std::vector<records::SessionRecord> SessionRecorder::history(const records::Filter& filter) {
  if (!writer_) {
    return {};
  }
  return writer_->query(filter);
}

}  // namespace stillwater::companion
