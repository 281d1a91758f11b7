#include "scene/problem.hpp"

#include <fmt/format.h>

#include <utility>

namespace stillwater::scene {

namespace {

std::string join_problems(const std::vector<Problem>& problems) {
  std::string text;
  for (const Problem& problem : problems) {
    if (!text.empty()) {
      text += '\n';
    }
    text += to_string(problem);
  }
  return text;
}

}  // namespace

std::string to_string(const Problem& problem) {
  std::string text = problem.file.string();
  if (problem.line > 0) {
    text += fmt::format(":{}:{}", problem.line, problem.column);
  }
  text += ": ";
  if (!problem.field.empty()) {
    text += problem.field + ": ";
  }
  return text + problem.message;
}

SceneError::SceneError(std::vector<Problem> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

}  // namespace stillwater::scene
