#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::companion {

// A random access token: 32 bytes from std::random_device (the kernel's
// getrandom on Linux) in URL-safe base64 without padding, 43 characters.
std::string make_access_token();

// A six-digit pairing code for a device on another address to enter.
std::string make_pairing_code();

// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view presented, std::string_view expected);

// The Host values the server accepts: its loopback names and addresses with
// the port, and the listening address when it is not a loopback one. Other
// names, even ones that resolve to 127.0.0.1 ("localhost." included), are
// rejected, which defeats DNS rebinding.
std::vector<std::string> allowed_hosts(std::string_view listen_address, int port);

// True when `host` equals one of `allowed`, ignoring ASCII case.
bool host_allowed(std::string_view host, const std::vector<std::string>& allowed);

// True when `origin` is exactly "http://" followed by `host` (ASCII case
// ignored), so the request came from the page this server sent.
bool origin_matches(std::string_view origin, std::string_view host);

// True for 127.0.0.1, ::1 and localhost, the addresses that need no pairing.
bool is_loopback_address(std::string_view address);

// Counts failed authentication attempts in a sliding window; thread-safe.
class FailureLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  FailureLimiter(std::size_t max_failures, Clock::duration window) : max_failures_(max_failures), window_(window) {}

  // True when `max_failures` attempts failed within the window before `now`.
  [[nodiscard]] bool blocked(Clock::time_point now);
  void record_failure(Clock::time_point now);

 private:
  void forget_old(Clock::time_point now);

  std::mutex mutex_;
  std::deque<Clock::time_point> failures_;
  std::size_t max_failures_;
  Clock::duration window_;
};

}  // namespace stillwater::companion
