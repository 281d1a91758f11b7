#pragma once

#include "core/image.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace stillwater::core {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `image` as an RGBA PNG. The data goes to a temporary file beside
// `path` that is renamed over it only when complete, so a failed write never
// leaves a truncated picture or destroys an older one. Throws FileError naming
// the path and the reason.
void write_png(const std::filesystem::path& path, const Rgba8Image& image);

// Reads a PNG or JPEG into 8-bit RGBA. Throws FileError naming the path.
Rgba8Image read_image(const std::filesystem::path& path);

// Checks, before any expensive work, that `path` could be written: the folder
// exists and a file can be created there. Throws FileError with what to do.
void check_writable(const std::filesystem::path& path);

}  // namespace stillwater::core
