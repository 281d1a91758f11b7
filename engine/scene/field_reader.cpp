#include "scene/field_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <system_error>
#include <utility>

namespace stillwater::scene {

namespace fs = std::filesystem;

namespace {

float srgb_to_linear(float c) {
  return c <= 0.04045F ? c / 12.92F : std::pow((c + 0.055F) / 1.055F, 2.4F);
}

std::optional<glm::vec3> parse_hex_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') {
    return std::nullopt;
  }
  glm::vec3 colour{0.0F};
  for (int channel = 0; channel < 3; ++channel) {
    int value = 0;
    for (std::size_t digit = 0; digit < 2; ++digit) {
      const char c = text[1 + static_cast<std::size_t>(channel) * 2 + digit];
      int nibble = 0;
      if (c >= '0' && c <= '9') {
        nibble = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        nibble = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        nibble = c - 'A' + 10;
      } else {
        return std::nullopt;
      }
      value = value * 16 + nibble;
    }
    colour[channel] = srgb_to_linear(static_cast<float>(value) / 255.0F);
  }
  return colour;
}

bool plain_file_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

}  // namespace

FieldReader::FieldReader(fs::path file, GeneratedFolders generated)
    : file_(std::move(file)), folder_(file_.parent_path()), generated_(std::move(generated)) {}

void FieldReader::add(const toml::source_region& where, std::string field, std::string message) {
  // The root table has no position of its own; its problems point at the start.
  const int line = where.begin.line > 0 ? static_cast<int>(where.begin.line) : 1;
  const int column = where.begin.column > 0 ? static_cast<int>(where.begin.column) : 1;
  problems_.push_back(Problem{file_, line, column, std::move(field), std::move(message)});
}

void FieldReader::add(const toml::node& where, std::string field, std::string message) {
  add(where.source(), std::move(field), std::move(message));
}

std::string FieldReader::join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string FieldReader::describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("\"{}\"", node.as_string()->get());
    case toml::node_type::integer:
      return fmt::format("{}", node.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("{}", node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    default:
      return "a date or time";
  }
}

std::string FieldReader::one_of(const std::vector<std::string_view>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      text += i + 1 == words.size() ? " or " : ", ";
    }
    text += fmt::format("\"{}\"", words[i]);
  }
  return text;
}

std::string FieldReader::range_text(core::Range range) {
  return fmt::format("a number from {} to {}", range.min, range.max);
}

void FieldReader::check_keys(const toml::table& table, const std::string& prefix,
                             std::initializer_list<std::string_view> allowed) {
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) {
      continue;
    }
    std::string allowed_text;
    for (const std::string_view name : allowed) {
      allowed_text += allowed_text.empty() ? "" : ", ";
      allowed_text += name;
    }
    const std::string where = prefix.empty() ? "at the top of the file" : "in [" + prefix + "]";
    add(key.source(), join(prefix, key.str()),
        fmt::format("unknown field; check the spelling. Fields allowed {}: {}", where, allowed_text));
  }
}

const toml::table* FieldReader::table(const toml::table& parent, std::string_view key, const std::string& prefix) {
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (const auto* found = node->as_table()) {
    return found;
  }
  add(*node, join(prefix, key), describe(*node) + " is not a table; write it as a [" + join(prefix, key) + "] section");
  return nullptr;
}

bool FieldReader::read_number(const toml::node& node, const std::string& field, core::Range range, float& out) {
  if (!node.is_number()) {
    add(node, field, describe(node) + " is not a number; use " + range_text(range));
    return false;
  }
  const double value = node.value<double>().value_or(0.0);
  if (!std::isfinite(value) || !range.contains(static_cast<float>(value))) {
    add(node, field, describe(node) + " is out of range; use " + range_text(range));
    return false;
  }
  out = static_cast<float>(value);
  return true;
}

void FieldReader::number(const toml::table& table, std::string_view key, const std::string& prefix,
                         core::Range range, float& out) {
  if (const toml::node* node = table.get(key)) {
    read_number(*node, join(prefix, key), range, out);
  }
}

void FieldReader::whole_number(const toml::table& table, std::string_view key, const std::string& prefix,
                               std::int64_t min, std::int64_t max, std::int64_t& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  const std::string allowed = fmt::format("a whole number from {} to {}", min, max);
  const auto* value = node->as_integer();
  if (value == nullptr) {
    add(*node, join(prefix, key), describe(*node) + " is not a whole number; use " + allowed);
    return;
  }
  if (value->get() < min || value->get() > max) {
    add(*node, join(prefix, key), describe(*node) + " is out of range; use " + allowed);
    return;
  }
  out = value->get();
}

void FieldReader::boolean(const toml::table& table, std::string_view key, const std::string& prefix, bool& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  if (const auto* value = node->as_boolean()) {
    out = value->get();
    return;
  }
  add(*node, join(prefix, key), describe(*node) + " is not allowed; use true or false, without quotes");
}

void FieldReader::text(const toml::table& table, std::string_view key, const std::string& prefix, std::string& out,
                       bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) {
      add(table.source(), join(prefix, key), fmt::format("missing; add {} = \"...\"", key));
    }
    return;
  }
  const auto* value = node->as_string();
  if (value == nullptr) {
    add(*node, join(prefix, key), describe(*node) + " is not text; put the text in double quotes");
    return;
  }
  if (value->get().find_first_not_of(" \t") == std::string::npos) {
    add(*node, join(prefix, key), "is empty; write a few words");
    return;
  }
  out = value->get();
}

void FieldReader::colour(const toml::table& table, std::string_view key, const std::string& prefix, glm::vec3& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  const auto* value = node->as_string();
  const auto parsed = value != nullptr ? parse_hex_colour(value->get()) : std::nullopt;
  if (!parsed) {
    add(*node, join(prefix, key), describe(*node) + " is not a colour; use an sRGB hex colour such as \"#6a8f3c\"");
    return;
  }
  out = *parsed;
}

void FieldReader::colours(const toml::table& table, std::string_view key, const std::string& prefix,
                          std::vector<glm::vec3>& out, std::size_t max_count) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  const auto* list = node->as_array();
  const std::string field = join(prefix, key);
  if (list == nullptr || list->empty() || list->size() > max_count) {
    add(*node, field,
        fmt::format("{} is not allowed; use a list of 1 to {} sRGB hex colours such as [\"#f2d64b\", \"#c04a8a\"]",
                    describe(*node), max_count));
    return;
  }
  std::vector<glm::vec3> parsed;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& item = *list->get(i);
    const auto* value = item.as_string();
    const auto colour = value != nullptr ? parse_hex_colour(value->get()) : std::nullopt;
    if (!colour) {
      add(item, fmt::format("{}[{}]", field, i),
          describe(item) + " is not a colour; use an sRGB hex colour such as \"#6a8f3c\"");
      return;
    }
    parsed.push_back(*colour);
  }
  out = std::move(parsed);
}

void FieldReader::vector3(const toml::table& table, std::string_view key, const std::string& prefix,
                          core::Range range, glm::vec3& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  const std::string field = join(prefix, key);
  const auto* list = node->as_array();
  if (list == nullptr || list->size() != 3) {
    add(*node, field, describe(*node) + " is not allowed; use a list of three numbers [x, y, z], each " +
                          range_text(range));
    return;
  }
  glm::vec3 parsed{0.0F};
  for (std::size_t i = 0; i < 3; ++i) {
    float component = 0.0F;
    if (!read_number(*list->get(i), fmt::format("{}[{}]", field, i), range, component)) {
      return;
    }
    parsed[static_cast<glm::length_t>(i)] = component;
  }
  out = parsed;
}

void FieldReader::number_pair(const toml::table& table, std::string_view key, const std::string& prefix,
                              core::Range range, float& first, float& second) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return;
  }
  const std::string field = join(prefix, key);
  const auto* list = node->as_array();
  if (list == nullptr || list->size() != 2) {
    add(*node, field, describe(*node) + " is not allowed; use a list of two numbers [least, most], each " +
                          range_text(range));
    return;
  }
  float low = 0.0F;
  float high = 0.0F;
  if (!read_number(*list->get(0), field + "[0]", range, low) || !read_number(*list->get(1), field + "[1]", range, high)) {
    return;
  }
  if (low > high) {
    add(*node, field, fmt::format("[{}, {}] is not allowed; the first number is the least and must not exceed the second",
                                  low, high));
    return;
  }
  first = low;
  second = high;
}

std::optional<fs::path> FieldReader::asset(const toml::node& node, const std::string& field, GeneratedKind generated) {
  const auto* value = node.as_string();
  if (value == nullptr || value->get().empty()) {
    add(node, field, describe(node) + " is not a file path; put the path in double quotes");
    return std::nullopt;
  }
  const std::string_view text = value->get();

  if (text.rfind(kGeneratedPrefix, 0) == 0) {
    const std::string_view name = text.substr(kGeneratedPrefix.size());
    if (!plain_file_name(name)) {
      add(node, field, describe(node) + " is not allowed; after \"generated:\" give a plain file name of letters, "
                                        "digits, '-', '_' and '.', such as \"generated:stream.wav\"");
      return std::nullopt;
    }
    if (generated == GeneratedKind::sound) {
      return generated_.sounds / name;
    }
    const fs::path path = generated_.assets / name;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      add(node, field, fmt::format("generated file not found: {}; build the project, which generates it, or set "
                                   "STILLWATER_GENERATED_ASSETS to the folder that holds it",
                                   path.string()));
      return std::nullopt;
    }
    return path;
  }

  const fs::path path = fs::path(text).is_absolute() ? fs::path(text) : folder_ / fs::path(text);
  const fs::path tried = path.lexically_normal();
  std::error_code error;
  if (!fs::is_regular_file(tried, error)) {
    add(node, field, fmt::format("file not found: {}; put the file there or correct the path (a relative path starts "
                                 "from the scene file's folder)",
                                 tried.string()));
    return std::nullopt;
  }
  return tried;
}

}  // namespace stillwater::scene
