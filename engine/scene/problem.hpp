#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace stillwater::scene {

// One thing wrong in a scene file, in words a clinical technologist can act
// on: where it is, which field, the value found and what is allowed.
struct Problem {
  std::filesystem::path file;
  // 1-based; 0 when the problem has no place in the file (an unreadable file).
  int line = 0;
  int column = 0;
  // Dotted path of the field, such as "comfort.volume" or "model[1].file";
  // empty for the file as a whole.
  std::string field;
  std::string message;
};

// "beach.toml:12:10: comfort.volume: MESSAGE", the form compilers use, so
// editors can jump to the place.
std::string to_string(const Problem& problem);

// Thrown when a scene cannot be used; what() lists every problem, one a line.
class SceneError : public std::runtime_error {
 public:
  explicit SceneError(std::vector<Problem> problems);

  [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace stillwater::scene
