#include "core/stop_signal.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace stillwater::core {

namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void on_stop_signal(int /*signal*/) {
  if (g_stop_requested.exchange(true)) {
    std::_Exit(130);
  }
}

}  // namespace

void install_stop_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool stop_requested() { return g_stop_requested.load(); }

}  // namespace stillwater::core
