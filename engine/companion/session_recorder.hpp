#pragma once

#include "companion/interfaces.hpp"
#include "core/session_frame.hpp"
#include "records/store.hpp"
#include "records/writer.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::companion {

// Writes one records row per session from the session controller's events,
// with the label and scores the nurse enters on the page. The frame loop
// calls observe() and progress(), which only queue work for the records
// writer's thread; the server's threads call the RecordsSink methods. Labels
// and scores are never logged.
class SessionRecorder final : public RecordsSink {
 public:
  // Records into an open store.
  explicit SessionRecorder(records::Store store, records::WriterOptions options = {});

  // Records nothing because the store could not be opened. Unless
  // `agreed`, no session may start until the nurse agrees on the page.
  SessionRecorder(records::Unavailable reason, bool agreed);

  // Records nothing because records were turned off for this run; `message` is shown
  // to the nurse.
  explicit SessionRecorder(std::string message);

  // Ends a session still running as `error`: the program is closing in the
  // middle of it without a crash.
  ~SessionRecorder() override;

  SessionRecorder(const SessionRecorder&) = delete;
  SessionRecorder& operator=(const SessionRecorder&) = delete;

  // Label for sessions started without one, such as from the command line.
  void set_default_label(std::string label);

  // Applies the controller's events: `started` begins a row, the end
  // events finish it. `status` is the controller's snapshot taken after the
  // events, for the comfort settings (at the start and at the end) and
  // whether the headset is worn.
  void observe(const std::vector<core::SessionEvent>& events, const core::SessionStatus& status);

  // Sets the time played by the running session, written with the next
  // heartbeat so that a crash keeps it.
  void progress(double played_s);

  // Ends the running session, if any, with `outcome`, when the frame loop
  // stops while the session still runs. `status` is the controller's latest.
  void close_running(records::Outcome outcome, const core::SessionStatus& status);

  // Waits until every queued write is on disk.
  void flush();

  [[nodiscard]] RecordsStatus status() const override;
  [[nodiscard]] std::optional<std::string> prepare_session(const SessionStartRecord& record) override;
  void discard_prepared() override;
  [[nodiscard]] std::optional<std::string> scores_after(const std::optional<std::string>& label,
                                                        const WellbeingScores& after) override;
  bool continue_without_records() override;
  [[nodiscard]] std::vector<records::SessionRecord> history(const records::Filter& filter) override;

 private:
  struct Session {
    records::Ticket ticket = 0;
    std::string label;
  };

  void begin(const core::SessionEvent& event, const core::SessionStatus& status);
  void finish(records::Outcome outcome, double played_s, const core::ComfortSettings& comfort);

  // Null when nothing is recorded.
  std::unique_ptr<records::Writer> writer_;
  std::string database_;
  std::optional<records::Unavailable> unavailable_;
  std::string off_message_;

  mutable std::mutex mutex_;
  bool agreed_ = false;
  std::string default_label_ = "unlabelled";
  std::optional<SessionStartRecord> prepared_;
  std::optional<Session> running_;
  std::optional<Session> last_ended_;
  // The running session's time played at the last progress(), in seconds.
  double played_s_ = 0.0;
};

// How a session ended, for its record: an end while the headset is off
// counts as the headset removed and not put back on, except a fault.
records::Outcome outcome_of(core::SessionEventKind end, bool headset_worn);

}  // namespace stillwater::companion
