#pragma once

#include "records/session_record.hpp"
#include "records/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace stillwater::records {

// A session as the Writer's callers know it, before and after the database
// has given it an id.
using Ticket = std::uint64_t;

enum class WriterState {
  // Every write so far has succeeded, or the last one did.
  recording,
  // The last write failed; WriterHealth::message contains the reason.
  failing,
  // The store could not be opened and the nurse chose to go on without
  // records; nothing is written.
  without_records,
};

std::string_view to_string(WriterState state);

struct WriterHealth {
  WriterState state = WriterState::recording;
  // The reason records are off, or the last write error; empty when there is none.
  std::string message;
  std::uint64_t failed_writes = 0;
  // Events waiting to be written.
  std::size_t queued = 0;
};

struct WriterOptions {
  // How often a running session's last_seen is written. A crash loses at most
  // this much of the session's recorded length.
  std::chrono::milliseconds heartbeat_interval{5000};
  // Wall-clock time for heartbeats; tests give a clock of their own.
  std::function<Timestamp()> clock;
};

// Writes session records on a thread of its own, so the frame loop and the
// companion only queue events and never wait for the disk. The queue's mutex
// is held only to push or pop an event, never during a write. Errors on the
// writer thread are logged and reported through health(), not thrown.
class Writer {
 public:
  // Starts the writer thread on an open store.
  explicit Writer(Store store, WriterOptions options = {});

  // A writer that records nothing, for when the nurse agreed to run sessions
  // without records. Calls still validate their values; health() reports
  // `without_records` with the reason's message.
  explicit Writer(Unavailable reason);

  // Writes every queued event, then stops the thread. A session still
  // running stays so in the file and is marked interrupted at the next open.
  ~Writer();

  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues the start of a session. Throws InvalidRecord for a bad label,
  // scene, planned length or score, before anything is queued.
  Ticket begin(NewSession session);

  // Sets the time played so far, written with the next heartbeat. Cheap
  // enough for every frame: it replaces one value and queues nothing.
  void progress(Ticket ticket, std::chrono::seconds played);

  // Queues scores for a phase. Throws InvalidRecord for a score out of range.
  void set_scores(Ticket ticket, Phase phase, Scores scores);

  // Queues the end of a session, with the comfort settings at its end when
  // given. Throws InvalidRecord for Outcome::running.
  void finish(Ticket ticket, Outcome outcome, std::chrono::seconds actual, Timestamp ended_at,
              std::optional<core::ComfortSettings> comfort = std::nullopt);

  // Runs a query on the writer thread and waits for it, so its result
  // includes every event queued before it. Blocks: never call it from the frame loop.
  // Returns nothing without records; throws what the store threw.
  [[nodiscard]] std::vector<SessionRecord> query(const Filter& filter);

  // Waits until every event queued before this call has been written.
  void flush();

  [[nodiscard]] WriterHealth health() const;

 private:
  struct Begin {
    Ticket ticket;
    NewSession session;
  };
  struct SetScores {
    Ticket ticket;
    Phase phase;
    Scores scores;
  };
  struct Finish {
    Ticket ticket;
    Outcome outcome;
    std::chrono::seconds actual;
    Timestamp ended_at;
    std::optional<core::ComfortSettings> comfort;
  };
  struct Query {
    Filter filter;
    std::shared_ptr<std::promise<std::vector<SessionRecord>>> result;
  };
  using Event = std::variant<Begin, SetScores, Finish, Query>;

  void push(Event event);
  void run();
  void apply(Event& event);
  void write_heartbeats();
  SessionId id_of(Ticket ticket) const;
  void record_failure(std::string_view event_name, Ticket ticket, const std::exception& error);

  WriterOptions options_;
  // Used only by the writer thread once it runs.
  std::optional<Store> store_;
  std::map<Ticket, SessionId> ids_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::deque<Event> queue_;
  std::set<Ticket> running_;
  std::map<Ticket, std::chrono::seconds> played_;
  Ticket next_ticket_ = 1;
  std::uint64_t events_queued_ = 0;
  std::uint64_t events_written_ = 0;
  bool stopping_ = false;
  WriterHealth health_;

  // Last, so the thread starts after every member it uses exists.
  std::thread thread_;
};

}  // namespace stillwater::records
