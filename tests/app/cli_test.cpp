#include "core/png_file.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using stillwater::test::meaningful_lines;
using stillwater::test::run_process;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-cli-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

// Runs the command and checks the shape every user error shares: a normal
// exit with the given status and exactly one line on standard error.
std::string single_error_line(const std::vector<std::string>& arguments, int expected_status) {
  const auto result = run_process(arguments);
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.signal == 0);
  REQUIRE(result.exit_status == expected_status);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() == 1);
  CHECK(lines.front().rfind("stillwater: error: ", 0) == 0);
  return lines.front();
}

}  // namespace

TEST_CASE("render writes a PNG and exits 0", "[app][cli]") {
  const fs::path folder = fresh_folder("render");
  const fs::path out = folder / "sky.png";
  const auto result = run_process({STILLWATER_EXECUTABLE, "render", "--out", out.string(), "--size", "64x48"});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);
  CHECK(result.standard_output.find("Wrote " + out.string()) != std::string::npos);

  const auto image = stillwater::core::read_image(out);
  CHECK(image.width == 64);
  CHECK(image.height == 48);
}

TEST_CASE("render with BGRA writes the same PNG", "[app][cli]") {
  const fs::path folder = fresh_folder("render-bgra");
  REQUIRE(run_process({STILLWATER_EXECUTABLE, "render", "-o", (folder / "a.png").string(), "-s", "40x30"}).exit_status == 0);
  REQUIRE(run_process({STILLWATER_EXECUTABLE, "render", "-o", (folder / "b.png").string(), "-s", "40x30", "--format",
                       "bgra"})
              .exit_status == 0);
  CHECK(stillwater::core::read_image(folder / "a.png").pixels == stillwater::core::read_image(folder / "b.png").pixels);
}

TEST_CASE("render rejects --size 0x0", "[app][cli]") {
  const fs::path folder = fresh_folder("zero");
  const auto line = single_error_line(
      {STILLWATER_EXECUTABLE, "render", "--out", (folder / "x.png").string(), "--size", "0x0"}, 2);
  CHECK(line.find("--size") != std::string::npos);
  CHECK(line.find("at least 1 pixel") != std::string::npos);
  CHECK_FALSE(fs::exists(folder / "x.png"));
}

TEST_CASE("render rejects --size huge", "[app][cli]") {
  const fs::path folder = fresh_folder("huge");
  const auto line = single_error_line(
      {STILLWATER_EXECUTABLE, "render", "--out", (folder / "x.png").string(), "--size", "huge"}, 2);
  CHECK(line.find("\"huge\"") != std::string::npos);
  CHECK(line.find("WIDTHxHEIGHT") != std::string::npos);
}

TEST_CASE("render rejects a size above the limit", "[app][cli]") {
  const auto line = single_error_line({STILLWATER_EXECUTABLE, "render", "--size", "100000x100000"}, 2);
  CHECK(line.find("16384") != std::string::npos);
}

TEST_CASE("render rejects an unwritable --out", "[app][cli]") {
  const fs::path folder = fresh_folder("unwritable");
  std::ofstream(folder / "plain.txt") << "a file, not a folder";

  SECTION("missing folder") {
    const auto line = single_error_line(
        {STILLWATER_EXECUTABLE, "render", "--out", (folder / "missing" / "x.png").string()}, 1);
    CHECK(line.find((folder / "missing").string()) != std::string::npos);
    CHECK(line.find("does not exist") != std::string::npos);
  }
  SECTION("below a plain file") {
    const auto line = single_error_line(
        {STILLWATER_EXECUTABLE, "render", "--out", (folder / "plain.txt" / "x.png").string()}, 1);
    CHECK(line.find("plain.txt") != std::string::npos);
  }
  SECTION("a folder") {
    const auto line = single_error_line({STILLWATER_EXECUTABLE, "render", "--out", folder.string()}, 1);
    CHECK(line.find("is a folder") != std::string::npos);
  }
}

TEST_CASE("render keeps an existing file when arguments are bad", "[app][cli]") {
  const fs::path folder = fresh_folder("keep");
  std::ofstream(folder / "sky.png") << "older picture";
  single_error_line({STILLWATER_EXECUTABLE, "render", "--out", (folder / "sky.png").string(), "--size", "0x5"}, 2);
  std::ifstream kept(folder / "sky.png");
  std::string contents;
  std::getline(kept, contents);
  CHECK(contents == "older picture");
}

TEST_CASE("render rejects bad option values", "[app][cli]") {
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--format", "yuv"}, 2).find("rgba or bgra") !=
        std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--fov", "200"}, 2).find("10 to 150") != std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--fov", "wide"}, 2).find("--fov") != std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--time", "-1"}, 2).find("--time") != std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--colour", "red"}, 2).find("--colour") !=
        std::string::npos);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "--log-level", "loud", "render"}, 2).find("--log-level") !=
        std::string::npos);
}

TEST_CASE("no subcommand is a usage error", "[app][cli]") {
  single_error_line({STILLWATER_EXECUTABLE}, 2);
}

TEST_CASE("help explains options with units", "[app][cli]") {
  const auto top = run_process({STILLWATER_EXECUTABLE, "--help"});
  CHECK(top.exit_status == 0);
  CHECK(top.standard_output.find("render") != std::string::npos);

  const auto render = run_process({STILLWATER_EXECUTABLE, "render", "--help"});
  CHECK(render.exit_status == 0);
  CHECK(render.standard_output.find("--size") != std::string::npos);
  CHECK(render.standard_output.find("pixels") != std::string::npos);
  CHECK(render.standard_output.find("degrees") != std::string::npos);
  CHECK(render.standard_output.find("seconds") != std::string::npos);
}

TEST_CASE("validate passes shipped scenes", "[app][cli][scene]") {
  std::vector<std::string> arguments{STILLWATER_EXECUTABLE, "validate"};
  for (const auto& entry : fs::directory_iterator(fs::path(STILLWATER_SOURCE_DIR) / "scenes")) {
    if (entry.path().extension() == ".toml") {
      arguments.push_back(entry.path().string());
    }
  }
  REQUIRE(arguments.size() >= 7);
  const auto result = run_process(arguments);
  INFO("stderr: " << result.standard_error);
  CHECK(result.exit_status == 0);
  CHECK(result.standard_output.find("beach.toml: valid (Beach at golden hour)") != std::string::npos);
}

TEST_CASE("validate fails on a bad scene", "[app][cli][scene]") {
  const fs::path folder = fresh_folder("validate");
  const fs::path file = folder / "bad.toml";
  std::ofstream(file) << "name = \"Bad\"\ndescription = \"Bad.\"\n[comfort]\nvolume = \"loud\"\n";
  const auto result = run_process({STILLWATER_EXECUTABLE, "validate", file.string()});
  CHECK(result.exit_status == 1);
  const auto lines = meaningful_lines(result.standard_error);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == file.string() + ":4:10: comfort.volume: \"loud\" is not a number; use a number from 0 to 1");
  CHECK(lines.back() == "stillwater: error: 1 of 1 scene file(s) have problems; see the lines above");
}

TEST_CASE("render draws a named scene", "[app][cli][scene]") {
  const fs::path folder = fresh_folder("render-scene");
  const fs::path out = folder / "beach.png";
  const auto result = run_process({STILLWATER_EXECUTABLE, "render", "--scene", "beach", "--motion", "still", "--time",
                                   "5", "-o", out.string(), "-s", "64x36"});
  INFO("stderr: " << result.standard_error);
  REQUIRE(result.exit_status == 0);
  CHECK(stillwater::core::read_image(out).width == 64);
}

TEST_CASE("render rejects an unknown scene", "[app][cli][scene]") {
  const std::string line = single_error_line(
      {STILLWATER_EXECUTABLE, "render", "--scene", "moon-base", "-o", "unused.png", "-s", "8x8"}, 1);
  CHECK(line.find("moon-base: no such scene: tried moon-base and ") != std::string::npos);
  CHECK(line.find("moon-base.toml; give a scene file or the name of one in ") != std::string::npos);
}

TEST_CASE("render rejects --motion fast", "[app][cli]") {
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--motion", "fast"}, 2) ==
        "stillwater: error: --motion: invalid value \"fast\": use still, gentle or lively");
}

TEST_CASE("render rejects a photo not 2:1", "[app][cli][photo]") {
  const fs::path folder = fresh_folder("render-photo");
  const fs::path photo = folder / "square.png";
  stillwater::core::Rgba8Image image;
  image.width = 30;
  image.height = 20;
  image.pixels.assign(30 * 20 * 4, 200);
  stillwater::core::write_png(photo, image);
  CHECK(single_error_line({STILLWATER_EXECUTABLE, "render", "--photo", photo.string(), "-o",
                           (folder / "out.png").string()},
                          1) == "stillwater: error: " + photo.string() + ": photo " + photo.string() +
                                    " is 30x20; an equirectangular 360-degree photo must be exactly twice as wide "
                                    "as it is high, such as 4096x2048");
}
