#include "companion/access_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace stillwater::companion {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) {
           return lower(x) == lower(y);
         });
}

}  // namespace

std::string make_access_token() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device device;
  std::array<std::uint8_t, 33> bytes{};
  for (auto& byte : bytes) {
    byte = static_cast<std::uint8_t>(device() & 0xFFU);
  }
  // 33 bytes are 264 bits, 44 characters of 6 bits with none left over;
  // the first 256 bits of them are kept as 43 characters.
  std::string token;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t group = (static_cast<std::uint32_t>(bytes[i]) << 16U) |
                                (static_cast<std::uint32_t>(bytes[i + 1]) << 8U) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) {
      token += kAlphabet[(group >> static_cast<unsigned>(shift)) & 0x3FU];
    }
  }
  token.resize(43);
  return token;
}

std::string make_pairing_code() {
  std::random_device device;
  std::uniform_int_distribution<int> digits(0, 999'999);
  return fmt::format("{:06}", digits(device));
}

bool same_secret(std::string_view presented, std::string_view expected) {
  if (presented.size() != expected.size()) {
    return false;
  }
  unsigned difference = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    difference |= static_cast<unsigned>(static_cast<unsigned char>(presented[i]) ^
                                        static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

std::vector<std::string> allowed_hosts(std::string_view listen_address, int port) {
  std::vector<std::string> hosts{fmt::format("127.0.0.1:{}", port), fmt::format("localhost:{}", port),
                                 fmt::format("[::1]:{}", port)};
  if (!is_loopback_address(listen_address)) {
    const bool ipv6 = listen_address.find(':') != std::string_view::npos;
    hosts.push_back(ipv6 ? fmt::format("[{}]:{}", listen_address, port) : fmt::format("{}:{}", listen_address, port));
  }
  return hosts;
}

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(),
                     [host](const std::string& candidate) { return equal_ignoring_case(host, candidate); });
}

bool origin_matches(std::string_view origin, std::string_view host) {
  constexpr std::string_view kScheme = "http://";
  return origin.size() == kScheme.size() + host.size() && equal_ignoring_case(origin.substr(0, kScheme.size()), kScheme) &&
         equal_ignoring_case(origin.substr(kScheme.size()), host);
}

bool is_loopback_address(std::string_view address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost";
}

bool FailureLimiter::blocked(Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  forget_old(now);
  return failures_.size() >= max_failures_;
}

void FailureLimiter::record_failure(Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  forget_old(now);
  failures_.push_back(now);
}

void FailureLimiter::forget_old(Clock::time_point now) {
  while (!failures_.empty() && now - failures_.front() >= window_) {
    failures_.pop_front();
  }
}

}  // namespace stillwater::companion
