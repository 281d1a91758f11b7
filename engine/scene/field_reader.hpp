#pragma once

#include "core/comfort.hpp"
#include "scene/problem.hpp"

#include <glm/glm.hpp>
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stillwater::scene {

// Prefix of a generated file's path. "generated:NAME" names a file that the
// build generates: a sound into its sounds folder, a picture or model into
// its assets folder. Any other path is relative to the scene file's folder,
// or absolute.
inline constexpr std::string_view kGeneratedPrefix = "generated:";

// The build folder that a field's "generated:NAME" paths point into.
enum class GeneratedKind { sound, asset };

// The build's folders of generated files.
struct GeneratedFolders {
  std::filesystem::path sounds;
  std::filesystem::path assets;
};

// Reads typed values out of one parsed scene file and collects every
// problem instead of stopping at the first, so one run of `validate` lists
// them all. A field with a problem keeps its default.
class FieldReader {
 public:
  FieldReader(std::filesystem::path file, GeneratedFolders generated);

  [[nodiscard]] const std::filesystem::path& file() const { return file_; }
  [[nodiscard]] std::vector<Problem>& problems() { return problems_; }

  void add(const toml::source_region& where, std::string field, std::string message);
  void add(const toml::node& where, std::string field, std::string message);

  // Reports every key of `table` that is not in `allowed`.
  void check_keys(const toml::table& table, const std::string& prefix, std::initializer_list<std::string_view> allowed);

  // A table under `key`, or nullptr when absent or not a table (reported).
  const toml::table* table(const toml::table& parent, std::string_view key, const std::string& prefix);

  // Each read leaves `out` untouched when the key is absent or wrong.
  void number(const toml::table& table, std::string_view key, const std::string& prefix, core::Range range,
              float& out);
  void whole_number(const toml::table& table, std::string_view key, const std::string& prefix, std::int64_t min,
                    std::int64_t max, std::int64_t& out);
  void boolean(const toml::table& table, std::string_view key, const std::string& prefix, bool& out);
  void text(const toml::table& table, std::string_view key, const std::string& prefix, std::string& out,
            bool required);
  void colour(const toml::table& table, std::string_view key, const std::string& prefix, glm::vec3& out);
  void colours(const toml::table& table, std::string_view key, const std::string& prefix,
               std::vector<glm::vec3>& out, std::size_t max_count);
  // Three numbers, each inside `range`.
  void vector3(const toml::table& table, std::string_view key, const std::string& prefix, core::Range range,
               glm::vec3& out);
  // Two numbers inside `range`, the first no greater than the second.
  void number_pair(const toml::table& table, std::string_view key, const std::string& prefix, core::Range range,
                   float& first, float& second);

  // One word out of `choices`.
  template <typename Enum>
  void choice(const toml::table& table, std::string_view key, const std::string& prefix,
              std::initializer_list<std::pair<std::string_view, Enum>> choices, Enum& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      return;
    }
    std::vector<std::string_view> words;
    for (const auto& entry : choices) {
      words.push_back(entry.first);
    }
    if (const auto* value = node->as_string()) {
      for (const auto& entry : choices) {
        if (entry.first == value->get()) {
          out = entry.second;
          return;
        }
      }
    }
    add(*node, join(prefix, key), describe(*node) + " is not allowed; use " + one_of(words));
  }

  // An asset path, resolved and checked to exist. Returns nothing when the
  // key is absent or the path is wrong (reported). Generated sounds need not
  // exist yet, because only playback reads them. Generated pictures and
  // models must, because validation reads them in full.
  std::optional<std::filesystem::path> asset(const toml::node& node, const std::string& field, GeneratedKind generated);

  static std::string join(const std::string& prefix, std::string_view key);
  // How a value reads in a message: text in quotes, numbers as written.
  static std::string describe(const toml::node& node);
  static std::string one_of(const std::vector<std::string_view>& words);
  static std::string range_text(core::Range range);

 private:
  bool read_number(const toml::node& node, const std::string& field, core::Range range, float& out);

  std::filesystem::path file_;
  std::filesystem::path folder_;
  GeneratedFolders generated_;
  std::vector<Problem> problems_;
};

}  // namespace stillwater::scene
