#include "core/png_file.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <fmt/std.h>
#include <system_error>

namespace stillwater::core {

namespace {

std::filesystem::path temporary_sibling(const std::filesystem::path& path) {
  auto temporary = path;
  temporary += ".partial";
  return temporary;
}

}  // namespace

void check_writable(const std::filesystem::path& path) {
  if (path.empty()) {
    throw FileError("the output path is empty; give a file name such as sky.png");
  }

  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw FileError(fmt::format("{} is a folder; give a file name inside it, such as {}",
                                path, path / "sky.png"));
  }

  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, error)) {
    throw FileError(fmt::format("cannot write {}: the folder {} does not exist", path, folder));
  }

  // The probe is the same temporary file that write_png uses, so it tests the
  // permission that matters and never touches an existing picture at `path`.
  std::FILE* file = std::fopen(temporary_sibling(path).c_str(), "wb");
  if (file == nullptr) {
    throw FileError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  std::fclose(file);
  std::filesystem::remove(temporary_sibling(path), error);
}

void write_png(const std::filesystem::path& path, const Rgba8Image& image) {
  if (image.width == 0 || image.height == 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
    throw FileError(fmt::format("cannot write {}: the image is empty or its size is inconsistent",
                                path));
  }

  const auto temporary = temporary_sibling(path);
  const int stride = static_cast<int>(image.width * 4);
  if (stbi_write_png(temporary.c_str(), static_cast<int>(image.width),
                     static_cast<int>(image.height), 4, image.pixels.data(), stride) == 0) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw FileError(fmt::format("cannot write {}: the PNG encoder failed (is the disk full?)",
                                path));
  }

  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw FileError(fmt::format("cannot write {}: {}", path, error.message()));
  }
}

Rgba8Image read_image(const std::filesystem::path& path) {
  int width = 0;
  int height = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (data == nullptr) {
    throw FileError(fmt::format("cannot read image {}: {}", path, stbi_failure_reason()));
  }

  Rgba8Image image;
  image.width = static_cast<std::uint32_t>(width);
  image.height = static_cast<std::uint32_t>(height);
  image.pixels.assign(data, data + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace stillwater::core
