#pragma once

#include "companion/access_rules.hpp"
#include "companion/interfaces.hpp"
#include "companion/mirror_slot.hpp"
#include "core/session_controller.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace stillwater::companion {

class CompanionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServerOptions {
  // The address to listen on. Anything but 127.0.0.1, ::1 or localhost also
  // needs `allow_other_address`, and then devices pair with a code.
  std::string address = "127.0.0.1";
  // 0 picks a free port, for tests.
  int port = 8450;
  bool allow_other_address = false;
  // Largest request body accepted, in bytes; larger ones get 413.
  std::size_t max_body_bytes = 16 * 1024;
  // Failed access tokens or pairing codes per minute before 429.
  std::size_t max_failures_per_minute = 10;
  // At most this many live status streams at once, so streams never take
  // every server thread from the control requests.
  int max_status_streams = 4;
  // Time between two events of a status stream, in seconds.
  double status_interval_s = 0.25;
  // The access token; empty makes a random one.
  std::string token;
};

// Serves the companion page, its JSON API, the status stream and the mirror
// image, on threads of its own. Every request is checked (Host, token, Origin,
// size) before it reaches the session, and the session never waits for it.
class CompanionServer {
 public:
  // The references must outlive the server.
  CompanionServer(core::SessionController& controller, const SceneCatalogue& scenes, const StatusProvider& status,
                  MirrorSlot& mirror, RecordsSink& records, ServerOptions options);
  ~CompanionServer();

  CompanionServer(const CompanionServer&) = delete;
  CompanionServer& operator=(const CompanionServer&) = delete;

  // Binds the address and serves from a background thread. Throws
  // CompanionError naming the address and port when binding fails, or when
  // the address is not a loopback one and allow_other_address is off.
  void start();

  // Stops serving and ends the status streams; safe to call twice.
  void stop();

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] const std::string& token() const { return token_; }
  // The code a device on another address enters; empty on loopback.
  [[nodiscard]] const std::string& pairing_code() const { return pairing_code_; }
  // The page's address with the token, as printed for the nurse.
  [[nodiscard]] std::string page_url() const;

 private:
  enum class Access { allowed, rejected };

  void register_routes();
  void register_session_routes();
  void register_records_routes();
  Access check_request(const httplib::Request& request, httplib::Response& response);
  bool token_valid(const httplib::Request& request) const;
  void reject(httplib::Response& response, int status, const std::string& message) const;
  void serve_status_stream(httplib::Response& response);
  void serve_mirror(httplib::Response& response);
  void post_command(core::Command command, httplib::Response& response);
  void log_rejection(const httplib::Request& request, const httplib::Response& response);

  core::SessionController& controller_;
  const SceneCatalogue& scenes_;
  const StatusProvider& status_;
  MirrorSlot& mirror_;
  RecordsSink& records_;
  ServerOptions options_;
  std::string token_;
  std::string pairing_code_;
  int port_ = 0;
  std::vector<std::string> allowed_hosts_;
  FailureLimiter failures_;

  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  std::atomic<bool> listener_finished_{false};

  // Wakes the status streams when the server stops.
  std::mutex stream_mutex_;
  std::condition_variable stream_wake_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> open_streams_{0};

  // Rejections logged in the current minute, and those left out of the log.
  std::mutex log_mutex_;
  std::chrono::steady_clock::time_point log_window_start_;
  int logged_in_window_ = 0;
  int unlogged_in_window_ = 0;

  // The last encoded mirror picture, shared by every client asking for it.
  std::mutex mirror_mutex_;
  std::uint64_t encoded_sequence_ = 0;
  std::string encoded_jpeg_;
};

}  // namespace stillwater::companion
