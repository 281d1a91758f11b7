#pragma once

namespace stillwater::app {

struct HeadsetSessionOptions {
  double length_s = 600.0;
  bool validation = false;
  bool headset_only = false;
  // Longest pause between attempts to rebuild a lost session, in seconds.
  double max_retry_delay_s = 30.0;
  // Attempts to rebuild a lost session before giving up.
  int max_retries = 5;
};

// Runs the frame loop on an OpenXR headset until the session has faded out
// or the runtime ends it. Returns the exit status.
int run_headset_session(const HeadsetSessionOptions& options);

}  // namespace stillwater::app
