#pragma once

#include "records/session_record.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::records {

// Makes one CSV field: text that starts with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, so a spreadsheet shows it as text instead
// of running it as a formula; then a field that contains a comma, a double
// quote, CR or LF is put in double quotes, with each double quote doubled
// (RFC 4180).
std::string csv_field(std::string_view text);

// Writes the records as CSV: RFC 4180 with CRLF line ends, UTF-8 without a
// byte order mark, one header row, times in ISO 8601 UTC, lengths in whole
// seconds, missing values as empty fields. Columns, in order:
//   id, label, scene, started_at, ended_at, planned_s, actual_s, outcome,
//   anxiety_before, pain_before, breathlessness_before, wellbeing_before,
//   anxiety_after, pain_after, breathlessness_after, wellbeing_after,
//   brightness, volume, motion, recline_deg, warm_colour, mono_view,
//   breathing_guide, breaths_per_minute, fade_in_s, fade_out_s, last_seen
void write_csv(std::ostream& out, const std::vector<SessionRecord>& records);

}  // namespace stillwater::records
