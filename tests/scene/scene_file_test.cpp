#include "scene/scene_file.hpp"
#include "scene/sun_position.hpp"

#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-scene-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The smallest valid scene; cases append to it.
const std::string kHeader = "name = \"Test\"\ndescription = \"A test scene.\"\n";

std::vector<std::string> problem_lines(const fs::path& file) {
  scene::LoadOptions options;
  options.generated_sounds_folder = "/generated";
  const auto result = scene::check_scene_file(file, options);
  std::vector<std::string> lines;
  for (const auto& problem : result.problems) {
    lines.push_back(scene::to_string(problem));
  }
  CHECK(result.scene.has_value() == lines.empty());
  return lines;
}

void write_photo(const fs::path& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3), 128);
  REQUIRE(stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0);
}

}  // namespace

TEST_CASE("bad scene files give exact messages", "[scene][validate]") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const fs::path folder = fresh_folder("bad");
  const std::string f = (folder / "s.toml").string();
  // Every line number counts the two header lines.
  const std::vector<Case> cases{
      {"[comfort]\nvolume = \"loud\"\n",
       f + ":4:10: comfort.volume: \"loud\" is not a number; use a number from 0 to 1"},
      {"[comfort]\nmotion_level = 7\n",
       f + ":4:16: comfort.motion_level: 7 is not allowed; use \"still\", \"gentle\" or \"lively\""},
      {"[comfort]\nmotion_level = \"calm\"\n",
       f + ":4:16: comfort.motion_level: \"calm\" is not allowed; use \"still\", \"gentle\" or \"lively\""},
      {"[comfort]\nbrightness = 1.5\n",
       f + ":4:14: comfort.brightness: 1.5 is out of range; use a number from 0.2 to 1"},
      {"[comfort]\nwarm_colour = \"yes\"\n",
       f + ":4:15: comfort.warm_colour: \"yes\" is not allowed; use true or false, without quotes"},
      {"[sky]\ncloud_cover = 0.5\ncolour_sheme = 2\n",
       f + ":5:1: sky.colour_sheme: unknown field; check the spelling. Fields allowed in [sky]: haze, cloud_cover, "
           "cloud_speed_m_s, star_brightness, exposure"},
      {"weather = \"fine\"\n",
       f + ":3:1: weather: unknown field; check the spelling. Fields allowed at the top of the file: name, "
           "description, time, sky, fog, water, terrain, vegetation, model, photo, viewpoint, sound, comfort"},
      {"[time]\nday_of_year = 12.5\n",
       f + ":4:15: time.day_of_year: 12.5 is not a whole number; use a whole number from 1 to 366"},
      {"[time]\nhour = 25\n", f + ":4:8: time.hour: 25 is out of range; use a number from 0 to 24"},
      {"[water]\ncolour = \"blue\"\n",
       f + ":4:10: water.colour: \"blue\" is not a colour; use an sRGB hex colour such as \"#6a8f3c\""},
      {"[vegetation]\ntree_kind = \"palm\"\n",
       f + ":4:13: vegetation.tree_kind: \"palm\" is not allowed; use \"broadleaf\" or \"conifer\""},
      {"[terrain]\nshore_distance_m = 100\nfar_shore_distance_m = 110\n",
       f + ":5:24: terrain.far_shore_distance_m: 110 is too close; the far shore must be at least 20 m beyond "
           "shore_distance_m (100)"},
      {"sky = 3\n", f + ":3:7: sky: 3 is not a table; write it as a [sky] section"},
      {"[[model]]\nfile = \"boat.glb\"\n",
       f + ":4:8: model[0].file: file not found: " + (folder / "boat.glb").string() +
           "; put the file there or correct the path (a relative path starts from the scene file's folder)"},
      {"[[model]]\nscale = 2\n", f + ":3:1: model[0].file: missing; add file = \"model.glb\""},
      {"[[sound.source]]\nname = \"waves\"\nfiles = [\"generated:../waves.wav\"]\n",
       f + ":5:10: sound.source[0].files[0]: \"generated:../waves.wav\" is not allowed; after \"generated:\" give a "
           "plain file name of letters, digits, '-', '_' and '.', such as \"generated:stream.wav\""},
      {"[[sound.source]]\nname = \"waves\"\nfiles = [\"waves.ogg\"]\n",
       f + ":5:10: sound.source[0].files[0]: file not found: " + (folder / "waves.ogg").string() +
           "; put the file there or correct the path (a relative path starts from the scene file's folder)"},
      {"[[sound.source]]\nname = \"waves\"\nkind = \"bed\"\nfiles = [\"generated:a.wav\"]\ninterval_s = [5, 10]\n",
       f + ":7:14: sound.source[0].interval_s: applies only to kind = \"one_shot\"; remove it or change the kind"},
      {"[[sound.source]]\nname = \"birds\"\nkind = \"one_shot\"\nfiles = [\"generated:a.wav\"]\ninterval_s = [30, "
       "8]\n",
       f + ":7:14: sound.source[0].interval_s: [30, 8] is not allowed; the first number is the least and must not "
           "exceed the second"},
      {"[[sound.source]]\nname = \"waves\"\nfiles = [\"generated:a.wav\", \"generated:b.wav\"]\n",
       f + ":5:9: sound.source[0].files: lists 2 files, but a loop plays one; list one file or use kind = "
           "\"one_shot\""},
      {"[[sound.source]]\nname = \"waves\"\nfiles = [\"generated:a.wav\"]\nposition_m = [0, 1]\n",
       f + ":6:14: sound.source[0].position_m: a list is not allowed; use a list of three numbers [x, y, z], each a "
           "number from -1000 to 1000"},
      {"[photo]\nfile = \"garden.jpg\"\n",
       f + ":4:8: photo.file: file not found: " + (folder / "garden.jpg").string() +
           "; put the file there or correct the path (a relative path starts from the scene file's folder)"},
  };
  for (const Case& test : cases) {
    INFO("scene file:\n" << kHeader + test.text);
    const auto lines = problem_lines(write_file(f, kHeader + test.text));
    REQUIRE(lines.size() == 1);
    CHECK(lines.front() == test.expected);
  }
}

TEST_CASE("missing name and broken TOML", "[scene][validate]") {
  const fs::path folder = fresh_folder("broken");
  const fs::path file = folder / "s.toml";

  auto lines = problem_lines(write_file(file, "description = \"x\"\n"));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front() == file.string() + ":1:1: name: missing; add name = \"...\"");

  lines = problem_lines(write_file(file, kHeader + "[sky\nhaze = 1\n"));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front().rfind(file.string() + ":3:", 0) == 0);
  CHECK(lines.front().find("not valid TOML: ") != std::string::npos);

  lines = problem_lines(folder / "absent.toml");
  REQUIRE(lines.size() == 1);
  CHECK(lines.front() == (folder / "absent.toml").string() + ": cannot open the scene file; check that it exists and "
                                                             "can be read");
}

TEST_CASE("every problem is listed at once", "[scene][validate]") {
  const fs::path folder = fresh_folder("many");
  const auto lines = problem_lines(
      write_file(folder / "s.toml", kHeader + "[comfort]\nvolume = \"loud\"\nmotion_level = 7\nbrightnes = 1\n"));
  CHECK(lines.size() == 3);
}

TEST_CASE("whole numbers accepted as decimals", "[scene][validate]") {
  const fs::path folder = fresh_folder("whole");
  scene::LoadOptions options;
  const auto scene = scene::load_scene(
      write_file(folder / "s.toml", kHeader + "[comfort]\nbrightness = 1\nvolume = 0\nmotion_level = \"still\"\n"),
      options);
  CHECK(scene.comfort.brightness == 1.0F);
  CHECK(scene.comfort.volume == 0.0F);
  CHECK(scene.comfort.motion == core::MotionLevel::still);
  // Unset comfort fields keep the engine's defaults.
  CHECK(scene.comfort.fade_in_s == core::ComfortSettings{}.fade_in_s);
}

TEST_CASE("sound paths resolve beside the scene", "[scene][validate]") {
  const fs::path folder = fresh_folder("sounds");
  fs::create_directories(folder / "audio");
  write_file(folder / "audio" / "stream.ogg", "not really audio");
  scene::LoadOptions options;
  options.generated_sounds_folder = folder / "generated";
  const auto scene = scene::load_scene(
      write_file(folder / "s.toml", kHeader +
                                        "[[sound.source]]\nname = \"stream\"\nfiles = [\"audio/stream.ogg\"]\n"
                                        "position_m = [1, 0, -4]\n"
                                        "[[sound.source]]\nname = \"birds\"\nkind = \"one_shot\"\n"
                                        "files = [\"generated:wren.wav\", \"generated:robin.wav\"]\n"
                                        "interval_s = [5, 20]\n"),
      options);
  REQUIRE(scene.sound.sources.size() == 2);
  const auto& stream = scene.sound.sources[0];
  CHECK(stream.kind == scene::SoundKind::loop);
  CHECK(stream.files == std::vector<fs::path>{fs::absolute(folder / "audio" / "stream.ogg").lexically_normal()});
  CHECK(stream.position == glm::vec3(1.0F, 0.0F, -4.0F));
  const auto& birds = scene.sound.sources[1];
  CHECK(birds.kind == scene::SoundKind::one_shot);
  CHECK(birds.files == std::vector<fs::path>{folder / "generated" / "wren.wav", folder / "generated" / "robin.wav"});
  CHECK(birds.interval_min_s == 5.0F);
  CHECK(birds.interval_max_s == 20.0F);
}

TEST_CASE("generated photos and models resolve", "[scene][validate]") {
  const fs::path folder = fresh_folder("generated-assets");
  fs::create_directories(folder / "assets");
  write_photo(folder / "assets" / "view.png", 64, 32);
  scene::LoadOptions options;
  options.generated_assets_folder = folder / "assets";

  const auto scene =
      scene::load_scene(write_file(folder / "s.toml", kHeader + "[photo]\nfile = \"generated:view.png\"\n"), options);
  REQUIRE(scene.photo.has_value());
  CHECK(scene.photo->file == folder / "assets" / "view.png");

  // Unlike a generated sound, a generated model or photo must exist, since
  // validation reads it in full.
  const fs::path file = write_file(folder / "missing.toml", kHeader + "[[model]]\nfile = \"generated:boat.glb\"\n");
  const auto result = scene::check_scene_file(file, options);
  REQUIRE(result.problems.size() == 1);
  CHECK(scene::to_string(result.problems.front()) ==
        file.string() + ":4:8: model[0].file: generated file not found: " + (folder / "assets" / "boat.glb").string() +
            "; build the project, which generates it, or set STILLWATER_GENERATED_ASSETS to the folder that holds it");
}

TEST_CASE("photo must be twice as wide", "[scene][photo]") {
  const fs::path folder = fresh_folder("photo");
  write_photo(folder / "square.png", 64, 64);
  write_photo(folder / "wide.png", 64, 32);

  const auto lines = problem_lines(write_file(folder / "s.toml", kHeader + "[photo]\nfile = \"square.png\"\n"));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front() == (folder / "s.toml").string() + ":4:8: photo.file: photo " +
                             (folder / "square.png").string() +
                             " is 64x64; an equirectangular 360-degree photo must be exactly twice as wide as it is "
                             "high, such as 4096x2048");

  CHECK_THROWS_WITH(scene::photo_scene(folder / "square.png"),
                    (folder / "square.png").string() + ": photo " + (folder / "square.png").string() +
                        " is 64x64; an equirectangular 360-degree photo must be exactly twice as wide as it is "
                        "high, such as 4096x2048");
  const scene::Scene photo = scene::photo_scene(folder / "wide.png");
  REQUIRE(photo.photo.has_value());
  CHECK(photo.photo->file == fs::absolute(folder / "wide.png"));
}

TEST_CASE("shipped scenes all validate", "[scene][validate]") {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(STILLWATER_SOURCE_DIR) / "scenes")) {
    if (entry.path().extension() != ".toml") {
      continue;
    }
    ++count;
    INFO("scene: " << entry.path());
    const auto lines = problem_lines(entry.path());
    CHECK(lines.empty());
    for (const auto& line : lines) {
      UNSCOPED_INFO(line);
    }
  }
  CHECK(count >= 6);
}

TEST_CASE("sun follows the time of day", "[scene][sun]") {
  scene::TimeOfDay time;
  time.latitude_deg = 51.5F;
  time.day_of_year = 172;
  time.heading_deg = 180.0F;

  // Midsummer noon in southern England: the sun is due south, about 62 degrees up.
  time.hour = 12.0F;
  auto sun = scene::sun_position(time);
  CHECK(sun.elevation_deg == Approx(62.0F).margin(1.0F));
  CHECK(sun.azimuth_deg == Approx(0.0F).margin(0.5F));

  // Morning sun is in the east: to the left when facing south.
  time.hour = 8.0F;
  sun = scene::sun_position(time);
  CHECK(sun.azimuth_deg < -30.0F);
  CHECK(sun.elevation_deg > 20.0F);

  // Midnight is dark.
  time.hour = 0.0F;
  CHECK(scene::sun_position(time).elevation_deg < -10.0F);
}
