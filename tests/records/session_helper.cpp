// Starts a session in a records database, keeps it running and waits to be
// killed, so a test can stop it the way a crash or power cut would.
//
//   records_session_helper store DATABASE   heartbeats written with Store
//   records_session_helper writer DATABASE  heartbeats written by a Writer
//
// Prints "ready" once the heartbeats are on disk, then sleeps for at most a
// minute, so a test that dies first leaves no program behind for long.

#include "records/store.hpp"
#include "records/utc_time.hpp"
#include "records/writer.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>
#include <thread>
#include <variant>

namespace {

using namespace stillwater::records;

Timestamp utc(std::string_view text) {
  return parse_utc(text)->time;
}

NewSession helper_session() {
  NewSession session;
  session.label = "Bed 7";
  session.scene = "night-sky";
  session.planned = std::chrono::minutes(20);
  session.started_at = utc("2026-03-14T10:00:00Z");
  session.before = Scores{6, std::nullopt, 4, std::nullopt};
  return session;
}

void report_ready_and_sleep() {
  std::printf("ready\n");
  std::fflush(stdout);
  std::this_thread::sleep_for(std::chrono::minutes(1));
}

int run_with_store(Store& store) {
  const SessionId id = store.begin(helper_session());
  store.heartbeat(id, utc("2026-03-14T10:00:05Z"), std::chrono::seconds(5));
  store.heartbeat(id, utc("2026-03-14T10:00:10Z"), std::chrono::seconds(10));
  report_ready_and_sleep();
  return 0;
}

int run_with_writer(Store store, const std::filesystem::path& path) {
  // Every heartbeat writes the same fixed time, so the test can expect it exactly.
  WriterOptions options;
  options.heartbeat_interval = std::chrono::milliseconds(20);
  options.clock = [] { return utc("2026-03-14T10:07:30Z"); };
  Writer writer(std::move(store), options);

  const Ticket ticket = writer.begin(helper_session());
  writer.progress(ticket, std::chrono::seconds(437));

  // Wait until a second connection reads a heartbeat from the file.
  for (int attempt = 0; attempt < 500; ++attempt) {
    auto opened = Store::open(path, Access::reader);
    if (auto* reader = std::get_if<Store>(&opened)) {
      const auto rows = reader->query({});
      if (!rows.empty() && rows.front().actual == std::chrono::seconds(437)) {
        report_ready_and_sleep();
        return 0;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::fprintf(stderr, "records_session_helper: no heartbeat reached the file\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: records_session_helper store|writer DATABASE\n");
    return 2;
  }
  const std::string_view mode = argv[1];
  const std::filesystem::path path = argv[2];

  auto opened = Store::open(path, Access::sessions);
  if (auto* unavailable = std::get_if<Unavailable>(&opened)) {
    std::fprintf(stderr, "records_session_helper: %s\n", unavailable->message.c_str());
    return 1;
  }
  auto& store = std::get<Store>(opened);

  return mode == "writer" ? run_with_writer(std::move(store), path) : run_with_store(store);
}
