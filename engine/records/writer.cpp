#include "records/writer.hpp"

#include "records/utc_time.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <spdlog/spdlog.h>

#include <type_traits>
#include <utility>

namespace stillwater::records {

std::string_view to_string(WriterState state) {
  switch (state) {
    case WriterState::recording:
      return "recording";
    case WriterState::failing:
      return "failing";
    case WriterState::without_records:
      return "without_records";
  }
  return "failing";
}

Writer::Writer(Store store, WriterOptions options) : options_(std::move(options)), store_(std::move(store)) {
  if (!options_.clock) {
    options_.clock = now_utc;
  }
  spdlog::info("Records: writer started on {}, heartbeat every {} ms", store_->path(),
               options_.heartbeat_interval.count());
  thread_ = std::thread([this] { run(); });
}

Writer::Writer(Unavailable reason) {
  health_.state = WriterState::without_records;
  health_.message = std::move(reason.message);
  spdlog::warn("Records: sessions run without records ({})", to_string(reason.failure));
}

Writer::~Writer() {
  if (!thread_.joinable()) {
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  spdlog::info("Records: writer stopped");
}

Ticket Writer::begin(NewSession session) {
  validate(session);
  Ticket ticket = 0;
  {
    const std::lock_guard lock(mutex_);
    ticket = next_ticket_++;
    running_.insert(ticket);
  }
  push(Begin{ticket, std::move(session)});
  return ticket;
}

void Writer::progress(Ticket ticket, std::chrono::seconds played) {
  const std::lock_guard lock(mutex_);
  if (running_.contains(ticket)) {
    played_[ticket] = played;
  }
}

void Writer::set_scores(Ticket ticket, Phase phase, Scores scores) {
  validate(scores, phase);
  push(SetScores{ticket, phase, scores});
}

void Writer::finish(Ticket ticket, Outcome outcome, std::chrono::seconds actual, Timestamp ended_at,
                    std::optional<core::ComfortSettings> comfort) {
  if (outcome == Outcome::running) {
    throw InvalidRecord("a session cannot finish as 'running': give how it ended");
  }
  {
    const std::lock_guard lock(mutex_);
    running_.erase(ticket);
    played_.erase(ticket);
  }
  push(Finish{ticket, outcome, actual, ended_at, comfort});
}

std::vector<SessionRecord> Writer::query(const Filter& filter) {
  if (!thread_.joinable()) {
    return {};
  }
  auto result = std::make_shared<std::promise<std::vector<SessionRecord>>>();
  auto answer = result->get_future();
  push(Query{filter, std::move(result)});
  return answer.get();
}

void Writer::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = events_queued_;
  written_.wait(lock, [&] { return events_written_ >= target || !thread_.joinable(); });
}

WriterHealth Writer::health() const {
  const std::lock_guard lock(mutex_);
  WriterHealth health = health_;
  health.queued = queue_.size();
  return health;
}

void Writer::push(Event event) {
  // Without records the event is dropped: the nurse chose to go on without.
  if (!thread_.joinable()) {
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(event));
    ++events_queued_;
  }
  wake_.notify_one();
}

void Writer::run() {
  auto next_heartbeat = std::chrono::steady_clock::now() + options_.heartbeat_interval;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_until(lock, next_heartbeat, [this] { return !queue_.empty() || stopping_; });

    // Queued events go first, so stopping never drops one.
    if (!queue_.empty()) {
      Event event = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      apply(event);
      lock.lock();
      ++events_written_;
      written_.notify_all();
      continue;
    }
    if (stopping_) {
      return;
    }

    if (std::chrono::steady_clock::now() >= next_heartbeat) {
      lock.unlock();
      write_heartbeats();
      lock.lock();
      next_heartbeat = std::chrono::steady_clock::now() + options_.heartbeat_interval;
    }
  }
}

SessionId Writer::id_of(Ticket ticket) const {
  const auto found = ids_.find(ticket);
  if (found == ids_.end()) {
    throw InvalidRecord(fmt::format("session ticket {} has no record: its start was never written", ticket));
  }
  return found->second;
}

void Writer::apply(Event& event) {
  std::visit(
      [this](auto& item) {
        using Item = std::decay_t<decltype(item)>;
        if constexpr (std::is_same_v<Item, Query>) {
          try {
            item.result->set_value(store_->query(item.filter));
          } catch (...) {
            item.result->set_exception(std::current_exception());
          }
          return;
        } else {
          try {
            if constexpr (std::is_same_v<Item, Begin>) {
              ids_[item.ticket] = store_->begin(item.session);
            } else if constexpr (std::is_same_v<Item, SetScores>) {
              store_->set_scores(id_of(item.ticket), item.phase, item.scores);
            } else if constexpr (std::is_same_v<Item, Finish>) {
              store_->finish(id_of(item.ticket), item.outcome, item.actual, item.ended_at, item.comfort);
            }
            const std::lock_guard lock(mutex_);
            if (health_.state == WriterState::failing) {
              health_.state = WriterState::recording;
              spdlog::info("Records: writing works again after {} failed write(s)", health_.failed_writes);
            }
          } catch (const std::exception& error) {
            const char* event_name = std::is_same_v<Item, Begin>       ? "the start"
                               : std::is_same_v<Item, SetScores> ? "the scores"
                                                                 : "the end";
            record_failure(event_name, item.ticket, error);
          }
        }
      },
      event);
}

void Writer::write_heartbeats() {
  std::vector<std::pair<Ticket, std::optional<std::chrono::seconds>>> running;
  {
    const std::lock_guard lock(mutex_);
    for (const Ticket ticket : running_) {
      const auto played = played_.find(ticket);
      running.emplace_back(ticket, played == played_.end() ? std::nullopt : std::optional(played->second));
    }
  }

  const Timestamp now = options_.clock();
  for (const auto& [ticket, played] : running) {
    // A session whose start failed has no row; that failure is reported once.
    const auto id = ids_.find(ticket);
    if (id == ids_.end()) {
      continue;
    }
    try {
      store_->heartbeat(id->second, now, played);
    } catch (const std::exception& error) {
      record_failure("a heartbeat", ticket, error);
    }
  }
}

void Writer::record_failure(std::string_view event_name, Ticket ticket, const std::exception& error) {
  // The message names the ticket and the SQLite call, never the label or
  // the scores.
  spdlog::error("Records: writing {} of session ticket {} failed: {}", event_name, ticket, error.what());
  const std::lock_guard lock(mutex_);
  health_.state = WriterState::failing;
  health_.message = fmt::format("writing {} of a session failed: {}", event_name, error.what());
  ++health_.failed_writes;
}

}  // namespace stillwater::records
