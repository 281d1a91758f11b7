#pragma once

namespace stillwater::core {

// Turns SIGINT and SIGTERM into a request to end gently, which the frame loop
// reads with stop_requested(); a second signal ends the program at once.
void install_stop_signal_handlers();

[[nodiscard]] bool stop_requested();

}  // namespace stillwater::core
