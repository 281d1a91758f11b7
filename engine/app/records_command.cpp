#include "app/records_command.hpp"

#include "app/exit_status.hpp"
#include "core/png_file.hpp"
#include "records/csv_export.hpp"
#include "records/data_path.hpp"
#include "records/store.hpp"
#include "records/utc_time.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

namespace stillwater::app {

namespace {

// A filter from the command line, or the message for a usage error.
std::variant<records::Filter, std::string> parse_filter(const RecordsOptions& options) {
  records::Filter filter;

  if (!options.label.empty()) {
    if (auto problem = records::label_problem(options.label)) {
      return "--label: " + *problem;
    }
    filter.label = options.label;
  }

  std::optional<records::ParsedTime> from;
  if (!options.from.empty()) {
    from = records::parse_utc(options.from);
    if (!from) {
      return fmt::format("--from: invalid date \"{}\": use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC", options.from);
    }
    filter.from = from->time;
  }

  if (!options.to.empty()) {
    const auto to = records::parse_utc(options.to);
    if (!to) {
      return fmt::format("--to: invalid date \"{}\": use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in UTC", options.to);
    }
    // A date alone includes its whole day; the filter's end is exclusive.
    filter.to = to->whole_day ? to->time + std::chrono::days(1) : to->time;
  }

  if (filter.from && filter.to && *filter.from >= *filter.to) {
    return fmt::format("--from {} is not before --to {}: give the earlier time first", options.from, options.to);
  }
  return filter;
}

std::filesystem::path database_path(const RecordsOptions& options) {
  if (!options.database.empty()) {
    return options.database;
  }
  return records::default_database_path();
}

// Writes `contents` to a temporary file beside `path` and renames it over
// `path` only once complete, so a failure never leaves half a file or
// destroys an older one.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
  core::check_writable(path);

  auto temporary = path;
  temporary += ".partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    file.flush();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw core::FileError(fmt::format("cannot write {}: writing failed (is the disk full?)", path));
    }
  }

  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw core::FileError(fmt::format("cannot write {}: {}", path, error.message()));
  }
}

std::string format_length(const std::optional<std::chrono::seconds>& length) {
  if (!length) {
    return "-";
  }
  return fmt::format("{}:{:02}", length->count() / 60, length->count() % 60);
}

std::string format_scores(const records::Scores& scores) {
  std::string text;
  for (const auto& score : {scores.anxiety, scores.pain, scores.breathlessness, scores.wellbeing}) {
    if (!text.empty()) {
      text += '/';
    }
    text += score ? std::to_string(*score) : "-";
  }
  return text;
}

// Keeps a table row on one line: control characters in a scene name, such
// as a line break, print as spaces.
std::string one_line(std::string text) {
  for (char& character : text) {
    if (static_cast<unsigned char>(character) < 0x20 || character == 0x7F) {
      character = ' ';
    }
  }
  return text;
}

void print_table(const std::vector<records::SessionRecord>& sessions) {
  if (sessions.empty()) {
    std::printf("No sessions match.\n");
    return;
  }

  const std::vector<std::string> header{"id",      "started (UTC)", "label", "scene", "planned", "actual",
                                        "outcome", "before A/P/B/W", "after A/P/B/W"};
  std::vector<std::vector<std::string>> rows{header};
  for (const auto& session : sessions) {
    rows.push_back({std::to_string(session.id), records::format_utc(session.started_at), session.label, one_line(session.scene),
                    format_length(session.planned), format_length(session.actual),
                    std::string(records::to_string(session.outcome)), format_scores(session.before),
                    format_scores(session.after)});
  }

  // NOTE: widths count bytes, so a row with non-ASCII letters in its scene
  // name is padded short by one column per extra UTF-8 byte.
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].size());
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t column = 0; column < row.size(); ++column) {
      line += row[column];
      if (column + 1 < row.size()) {
        line += std::string(widths[column] - row[column].size() + 2, ' ');
      }
    }
    std::printf("%s\n", line.c_str());
  }
  std::printf("A anxiety, P pain, B breathlessness, W wellbeing; - not asked\n");
}

void add_filter_options(CLI::App& command, RecordsOptions& options) {
  command.add_option("--database", options.database,
                     "Records database file; by default records.sqlite3 in the user's data directory "
                     "($XDG_DATA_HOME/stillwater, else ~/.local/share/stillwater)");
  command.add_option("--label", options.label, "Only sessions with this label (a bed or room code)");
  command.add_option("--from", options.from,
                     "Only sessions started at or after this UTC date or time: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  command.add_option("--to", options.to,
                     "Only sessions started before this UTC time, or on or before this UTC date: YYYY-MM-DD or "
                     "YYYY-MM-DDTHH:MM:SSZ");
}

}  // namespace

CLI::App* add_records_command(CLI::App& app, RecordsOptions& options) {
  CLI::App* records = app.add_subcommand("records", "List or export the session records stored on this PC");
  // A wrong command word is caught in run_records_command, so the message
  // can name it.
  records->require_subcommand(0, 1);
  records->allow_extras();

  CLI::App* list = records->add_subcommand("list", "Print the most recent sessions as a table, newest first");
  add_filter_options(*list, options);
  list->add_option("-n,--limit", options.limit, "Maximum number of sessions to print, 1 to 100000")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();

  CLI::App* exported = records->add_subcommand(
      "export", "Write the sessions as CSV (RFC 4180, UTF-8, times in ISO 8601 UTC), oldest first");
  add_filter_options(*exported, options);
  exported->add_option("-o,--out", options.out,
                       "CSV file to write instead of standard output; an existing file is replaced only once the "
                       "export is complete");
  return records;
}

int run_records_command(const CLI::App& records, const RecordsOptions& options) {
  const auto extras = records.remaining(true);
  if (records.get_subcommands().empty()) {
    if (extras.empty()) {
      return report_usage_error("'records' needs a command: list or export");
    }
    return report_usage_error(fmt::format("unknown records command \"{}\": use list or export", extras.front()));
  }
  if (!extras.empty()) {
    return report_usage_error(
        fmt::format("unexpected argument \"{}\"; run 'stillwater records --help' for the options", extras.front()));
  }

  const auto parsed = parse_filter(options);
  if (const auto* message = std::get_if<std::string>(&parsed)) {
    return report_usage_error(*message);
  }
  auto filter = std::get<records::Filter>(parsed);

  const bool exporting = records.get_subcommand("export")->parsed();

  const auto path = database_path(options);
  auto opened = records::Store::open(path, records::Access::reader);
  if (const auto* unavailable = std::get_if<records::Unavailable>(&opened)) {
    return report_failure(unavailable->message);
  }
  const auto& store = std::get<records::Store>(opened);

  if (!exporting) {
    filter.limit = options.limit;
    print_table(store.query(filter));
    return kExitSuccess;
  }

  filter.newest_first = false;
  const auto sessions = store.query(filter);
  std::ostringstream csv;
  records::write_csv(csv, sessions);

  if (options.out.empty()) {
    const std::string text = csv.str();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return kExitSuccess;
  }

  const std::filesystem::path out(options.out);
  write_file_atomically(out, csv.str());
  spdlog::info("Records: exported {} session(s)", sessions.size());
  std::printf("Wrote %zu session(s) to %s\n", sessions.size(), std::filesystem::absolute(out).c_str());
  return kExitSuccess;
}

}  // namespace stillwater::app
