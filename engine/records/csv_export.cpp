#include "records/csv_export.hpp"

#include "records/utc_time.hpp"

#include <fmt/format.h>

#include <array>

namespace stillwater::records {

namespace {

constexpr std::array<std::string_view, 27> kHeader{
    "id",          "label",           "scene",          "started_at",         "ended_at",
    "planned_s",   "actual_s",        "outcome",        "anxiety_before",     "pain_before",
    "breathlessness_before",          "wellbeing_before", "anxiety_after",    "pain_after",
    "breathlessness_after",           "wellbeing_after", "brightness",        "volume",
    "motion",      "recline_deg",     "warm_colour",    "mono_view",          "breathing_guide",
    "breaths_per_minute",             "fade_in_s",      "fade_out_s",         "last_seen",
};

constexpr std::string_view kLineEnd = "\r\n";

// Collects one row's fields and writes them with separators.
class Row {
 public:
  void add(std::string_view text) { fields_.push_back(csv_field(text)); }

  void add(const std::optional<int>& value) { add(value ? std::to_string(*value) : std::string()); }

  void add(std::int64_t value) { add(std::to_string(value)); }

  // Shortest text that reads back as the same float.
  void add(float value) { add(fmt::format("{}", value)); }

  void add_flag(bool value) { add(value ? std::string_view("true") : std::string_view("false")); }

  void write(std::ostream& out) const {
    for (std::size_t index = 0; index < fields_.size(); ++index) {
      if (index > 0) {
        out << ',';
      }
      out << fields_[index];
    }
    out << kLineEnd;
  }

 private:
  std::vector<std::string> fields_;
};

void add_scores(Row& row, const Scores& scores) {
  row.add(scores.anxiety);
  row.add(scores.pain);
  row.add(scores.breathlessness);
  row.add(scores.wellbeing);
}

void add_comfort(Row& row, const std::optional<core::ComfortSettings>& comfort) {
  if (!comfort) {
    for (int column = 0; column < 10; ++column) {
      row.add(std::string_view());
    }
    return;
  }
  row.add(comfort->brightness);
  row.add(comfort->volume);
  row.add(core::to_string(comfort->motion));
  row.add(comfort->recline_deg);
  row.add_flag(comfort->warm_colour);
  row.add_flag(comfort->mono_view);
  row.add_flag(comfort->breathing_guide);
  row.add(comfort->breaths_per_minute);
  row.add(comfort->fade_in_s);
  row.add(comfort->fade_out_s);
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string field;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    field += '\'';
  }
  field += text;

  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    return field;
  }
  std::string quoted = "\"";
  for (const char character : field) {
    if (character == '"') {
      quoted += '"';
    }
    quoted += character;
  }
  quoted += '"';
  return quoted;
}

void write_csv(std::ostream& out, const std::vector<SessionRecord>& records) {
  Row header;
  for (const auto name : kHeader) {
    header.add(name);
  }
  header.write(out);

  for (const auto& record : records) {
    Row row;
    row.add(record.id);
    row.add(record.label);
    row.add(record.scene);
    row.add(format_utc(record.started_at));
    row.add(record.ended_at ? format_utc(*record.ended_at) : std::string());
    row.add(static_cast<std::int64_t>(record.planned.count()));
    row.add(record.actual ? std::to_string(record.actual->count()) : std::string());
    row.add(to_string(record.outcome));
    add_scores(row, record.before);
    add_scores(row, record.after);
    add_comfort(row, record.comfort);
    row.add(format_utc(record.last_seen));
    row.write(out);
  }
}

}  // namespace stillwater::records
