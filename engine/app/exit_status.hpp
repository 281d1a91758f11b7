#pragma once

#include <string_view>

namespace stillwater::app {

inline constexpr int kExitSuccess = 0;
// Something went wrong while doing what was asked.
inline constexpr int kExitFailure = 1;
// The command line was wrong; nothing was done.
inline constexpr int kExitUsage = 2;
// `stillwater audit` ran and found a place that breaks a comfort rule.
inline constexpr int kExitAuditFailed = 3;

// Prints "stillwater: error: MESSAGE" on one line to standard error and
// returns kExitUsage.
int report_usage_error(std::string_view message);

// Prints "stillwater: error: MESSAGE" on one line to standard error and
// returns kExitFailure.
int report_failure(std::string_view message);

}  // namespace stillwater::app
