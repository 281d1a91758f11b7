#pragma once

#include "records/session_record.hpp"
#include "records/store.hpp"

#include <filesystem>
#include <string>

namespace stillwater::test {

// An empty folder of its own under the system's temporary folder.
std::filesystem::path fresh_records_folder(const std::string& name);

// A fixed UTC time, "YYYY-MM-DDTHH:MM:SSZ".
records::Timestamp utc(const std::string& text);

// A valid session with every field set to something other than its default.
records::NewSession sample_session(const std::string& label, records::Timestamp started_at);

// Opens a store and fails the test with the store's message if it cannot.
records::Store open_store(const std::filesystem::path& path,
                          records::Access access = records::Access::sessions);

// Opens a store that must be unavailable and returns why.
records::Unavailable open_unavailable(const std::filesystem::path& path,
                                      records::Access access = records::Access::sessions);

// The exact bytes of a file.
std::string file_bytes(const std::filesystem::path& path);

// Checks every field of two records, one CHECK each.
void check_same_record(const records::SessionRecord& actual, const records::SessionRecord& expected);

}  // namespace stillwater::test
