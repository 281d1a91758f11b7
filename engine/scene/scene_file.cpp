#include "scene/scene_file.hpp"

#include "scene/field_reader.hpp"
#include "scene/model_data.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace stillwater::scene {

namespace fs = std::filesystem;

namespace {

using core::Range;

// Limits of every scene field; docs/scene-format.md lists the same.
constexpr Range kHour{0.0F, 24.0F};
constexpr Range kLatitude{-90.0F, 90.0F};
constexpr Range kHeading{0.0F, 360.0F};
constexpr Range kUnit{0.0F, 1.0F};
constexpr Range kCloudSpeed{0.0F, 20.0F};
constexpr Range kExposure{0.25F, 4.0F};
constexpr Range kFogDensity{0.0F, 0.1F};
constexpr Range kWaterLevel{-20.0F, -0.1F};
constexpr Range kWaveHeight{0.0F, 0.5F};
constexpr Range kHillHeight{0.0F, 300.0F};
constexpr Range kHillSize{10.0F, 2000.0F};
constexpr Range kRadius{0.0F, 500.0F};
constexpr Range kShoreDistance{0.0F, 2000.0F};
constexpr Range kFarShoreDistance{0.0F, 5000.0F};
constexpr Range kStreamDistance{0.0F, 200.0F};
constexpr Range kStreamWidth{0.5F, 20.0F};
constexpr Range kPosition{-1000.0F, 1000.0F};
constexpr Range kYaw{-360.0F, 360.0F};
constexpr Range kModelScale{0.01F, 100.0F};
constexpr Range kEyeHeightSitting{0.3F, 3.0F};
constexpr Range kEyeHeightLying{0.2F, 3.0F};
constexpr Range kLoudnessTarget{-50.0F, -10.0F};
constexpr Range kGain{-40.0F, 12.0F};
constexpr Range kReferenceDistance{0.1F, 100.0F};
constexpr Range kHalfExtent{0.0F, 1000.0F};
constexpr Range kInterval{0.5F, 3600.0F};
constexpr std::size_t kMaxFlowerColours = 8;

void read_time(FieldReader& reader, const toml::table& root, TimeOfDay& time) {
  const toml::table* table = reader.table(root, "time", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "time", {"hour", "day_of_year", "latitude_deg", "heading_deg"});
  reader.number(*table, "hour", "time", kHour, time.hour);
  std::int64_t day = time.day_of_year;
  reader.whole_number(*table, "day_of_year", "time", 1, 366, day);
  time.day_of_year = static_cast<int>(day);
  reader.number(*table, "latitude_deg", "time", kLatitude, time.latitude_deg);
  reader.number(*table, "heading_deg", "time", kHeading, time.heading_deg);
}

void read_sky(FieldReader& reader, const toml::table& root, Sky& sky) {
  const toml::table* table = reader.table(root, "sky", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "sky", {"haze", "cloud_cover", "cloud_speed_m_s", "star_brightness", "exposure"});
  reader.number(*table, "haze", "sky", kUnit, sky.haze);
  reader.number(*table, "cloud_cover", "sky", kUnit, sky.cloud_cover);
  reader.number(*table, "cloud_speed_m_s", "sky", kCloudSpeed, sky.cloud_speed_m_s);
  reader.number(*table, "star_brightness", "sky", kUnit, sky.star_brightness);
  reader.number(*table, "exposure", "sky", kExposure, sky.exposure);
}

void read_fog(FieldReader& reader, const toml::table& root, Fog& fog) {
  const toml::table* table = reader.table(root, "fog", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "fog", {"density_per_m"});
  reader.number(*table, "density_per_m", "fog", kFogDensity, fog.density_per_m);
}

void read_water(FieldReader& reader, const toml::table& root, std::optional<Water>& water) {
  const toml::table* table = reader.table(root, "water", "");
  if (table == nullptr) {
    return;
  }
  Water result;
  reader.check_keys(*table, "water", {"level_m", "wave_height_m", "colour"});
  reader.number(*table, "level_m", "water", kWaterLevel, result.level_m);
  reader.number(*table, "wave_height_m", "water", kWaveHeight, result.wave_height_m);
  reader.colour(*table, "colour", "water", result.colour);
  water = result;
}

void read_terrain(FieldReader& reader, const toml::table& root, std::optional<Terrain>& terrain) {
  const toml::table* table = reader.table(root, "terrain", "");
  if (table == nullptr) {
    return;
  }
  Terrain result;
  const std::string prefix = "terrain";
  reader.check_keys(*table, prefix,
                    {"hill_height_m", "hill_size_m", "flat_radius_m", "shore_distance_m", "far_shore_distance_m",
                     "stream_distance_m", "stream_width_m", "ground_colour", "shore_colour", "seed"});
  reader.number(*table, "hill_height_m", prefix, kHillHeight, result.hill_height_m);
  reader.number(*table, "hill_size_m", prefix, kHillSize, result.hill_size_m);
  reader.number(*table, "flat_radius_m", prefix, kRadius, result.flat_radius_m);
  reader.number(*table, "shore_distance_m", prefix, kShoreDistance, result.shore_distance_m);
  reader.number(*table, "far_shore_distance_m", prefix, kFarShoreDistance, result.far_shore_distance_m);
  reader.number(*table, "stream_distance_m", prefix, kStreamDistance, result.stream_distance_m);
  reader.number(*table, "stream_width_m", prefix, kStreamWidth, result.stream_width_m);
  reader.colour(*table, "ground_colour", prefix, result.ground_colour);
  reader.colour(*table, "shore_colour", prefix, result.shore_colour);
  std::int64_t seed = result.seed;
  reader.whole_number(*table, "seed", prefix, 0, 2147483647, seed);
  result.seed = static_cast<std::uint32_t>(seed);

  const toml::node* far_shore = table->get("far_shore_distance_m");
  if (far_shore != nullptr && result.far_shore_distance_m > 0.0F &&
      result.far_shore_distance_m < result.shore_distance_m + 20.0F) {
    reader.add(*far_shore, "terrain.far_shore_distance_m",
               fmt::format("{} is too close; the far shore must be at least 20 m beyond shore_distance_m ({})",
                           FieldReader::describe(*far_shore), result.shore_distance_m));
  }
  terrain = result;
}

void read_vegetation(FieldReader& reader, const toml::table& root, Vegetation& vegetation) {
  const toml::table* table = reader.table(root, "vegetation", "");
  if (table == nullptr) {
    return;
  }
  const std::string prefix = "vegetation";
  reader.check_keys(*table, prefix,
                    {"tree_density", "tree_kind", "clearing_radius_m", "grass_density", "flower_density",
                     "flower_colours", "wind_strength"});
  reader.number(*table, "tree_density", prefix, kUnit, vegetation.tree_density);
  reader.choice(*table, "tree_kind", prefix, {{"broadleaf", TreeKind::broadleaf}, {"conifer", TreeKind::conifer}},
                vegetation.tree_kind);
  reader.number(*table, "clearing_radius_m", prefix, kRadius, vegetation.clearing_radius_m);
  reader.number(*table, "grass_density", prefix, kUnit, vegetation.grass_density);
  reader.number(*table, "flower_density", prefix, kUnit, vegetation.flower_density);
  reader.colours(*table, "flower_colours", prefix, vegetation.flower_colours, kMaxFlowerColours);
  reader.number(*table, "wind_strength", prefix, kUnit, vegetation.wind_strength);
}

void read_models(FieldReader& reader, const toml::table& root, std::vector<Model>& models) {
  const toml::node* node = root.get("model");
  if (node == nullptr) {
    return;
  }
  const auto* list = node->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    reader.add(*node, "model", FieldReader::describe(*node) + " is not allowed; write each model as a [[model]] section");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::table& table = *list->get(i)->as_table();
    const std::string prefix = fmt::format("model[{}]", i);
    reader.check_keys(table, prefix, {"file", "position_m", "yaw_deg", "scale"});
    Model model;
    if (const toml::node* file = table.get("file")) {
      if (auto path = reader.asset(*file, prefix + ".file", GeneratedKind::asset)) {
        const std::string extension = path->extension().string();
        if (extension != ".gltf" && extension != ".glb") {
          reader.add(*file, prefix + ".file",
                     FieldReader::describe(*file) + " is not allowed; use a glTF 2.0 model ending in .gltf or .glb");
        } else {
          // Reading the whole model is the only way to know that every
          // buffer, accessor and image in it is sound.
          try {
            load_model(*path);
          } catch (const ModelError& error) {
            reader.add(*file, prefix + ".file", error.what());
          }
        }
        model.file = *path;
      }
    } else {
      reader.add(table.source(), prefix + ".file", "missing; add file = \"model.glb\"");
    }
    reader.vector3(table, "position_m", prefix, kPosition, model.position_m);
    reader.number(table, "yaw_deg", prefix, kYaw, model.yaw_deg);
    reader.number(table, "scale", prefix, kModelScale, model.scale);
    models.push_back(model);
  }
}

// Checks that an equirectangular photo is readable and twice as wide as high.
std::optional<std::string> photo_size_problem(const fs::path& path) {
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info(path.c_str(), &width, &height, &channels) == 0) {
    return fmt::format("failed to read {} as a PNG or JPEG image ({}); save the photo as PNG or JPEG", path.string(),
                       stbi_failure_reason());
  }
  if (width != 2 * height) {
    return fmt::format("photo {} is {}x{}; an equirectangular 360-degree photo must be exactly twice as wide as it is "
                       "high, such as 4096x2048",
                       path.string(), width, height);
  }
  return std::nullopt;
}

void read_photo(FieldReader& reader, const toml::table& root, std::optional<Photo>& photo) {
  const toml::table* table = reader.table(root, "photo", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "photo", {"file", "yaw_deg"});
  Photo result;
  reader.number(*table, "yaw_deg", "photo", kYaw, result.yaw_deg);
  const toml::node* file = table->get("file");
  if (file == nullptr) {
    reader.add(table->source(), "photo.file", "missing; add file = \"photo.jpg\"");
    return;
  }
  const auto path = reader.asset(*file, "photo.file", GeneratedKind::asset);
  if (!path) {
    return;
  }
  if (const auto problem = photo_size_problem(*path)) {
    reader.add(*file, "photo.file", *problem);
    return;
  }
  result.file = *path;
  photo = result;
}

void read_viewpoint(FieldReader& reader, const toml::table& root, Viewpoint& viewpoint) {
  const toml::table* table = reader.table(root, "viewpoint", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "viewpoint", {"eye_height_sitting_m", "eye_height_lying_m"});
  reader.number(*table, "eye_height_sitting_m", "viewpoint", kEyeHeightSitting, viewpoint.eye_height_sitting_m);
  reader.number(*table, "eye_height_lying_m", "viewpoint", kEyeHeightLying, viewpoint.eye_height_lying_m);
}

void read_comfort(FieldReader& reader, const toml::table& root, core::ComfortSettings& comfort) {
  const toml::table* table = reader.table(root, "comfort", "");
  if (table == nullptr) {
    return;
  }
  const std::string prefix = "comfort";
  reader.check_keys(*table, prefix,
                    {"brightness", "volume", "motion_level", "warm_colour", "breathing_guide", "breaths_per_minute",
                     "fade_in_s", "fade_out_s"});
  using Bounds = core::ComfortBounds;
  reader.number(*table, "brightness", prefix, Bounds::brightness, comfort.brightness);
  reader.number(*table, "volume", prefix, Bounds::volume, comfort.volume);
  reader.choice(*table, "motion_level", prefix,
                {{"still", core::MotionLevel::still},
                 {"gentle", core::MotionLevel::gentle},
                 {"lively", core::MotionLevel::lively}},
                comfort.motion);
  reader.boolean(*table, "warm_colour", prefix, comfort.warm_colour);
  reader.boolean(*table, "breathing_guide", prefix, comfort.breathing_guide);
  reader.number(*table, "breaths_per_minute", prefix, Bounds::breaths_per_minute, comfort.breaths_per_minute);
  reader.number(*table, "fade_in_s", prefix, Bounds::fade_in_s, comfort.fade_in_s);
  reader.number(*table, "fade_out_s", prefix, Bounds::fade_out_s, comfort.fade_out_s);
}

void read_sound_source(FieldReader& reader, const toml::table& table, const std::string& prefix, SoundSource& source) {
  reader.check_keys(table, prefix,
                    {"name", "kind", "files", "gain_db", "position_m", "reference_distance_m", "region_centre_m",
                     "region_half_extent_m", "interval_s", "gain_range_db"});
  reader.text(table, "name", prefix, source.name, true);
  reader.choice(table, "kind", prefix,
                {{"bed", SoundKind::bed}, {"loop", SoundKind::loop}, {"one_shot", SoundKind::one_shot}}, source.kind);
  reader.number(table, "gain_db", prefix, kGain, source.gain_db);

  const toml::node* files = table.get("files");
  const auto* list = files != nullptr ? files->as_array() : nullptr;
  if (files == nullptr) {
    reader.add(table.source(), prefix + ".files", "missing; add files = [\"generated:NAME.wav\"] or a sound file path");
  } else if (list == nullptr || list->empty()) {
    reader.add(*files, prefix + ".files",
               FieldReader::describe(*files) + " is not allowed; use a list of one or more sound file paths");
  } else {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto path = reader.asset(*list->get(i), fmt::format("{}.files[{}]", prefix, i), GeneratedKind::sound)) {
        source.files.push_back(*path);
      }
    }
    if (source.kind != SoundKind::one_shot && list->size() > 1) {
      reader.add(*files, prefix + ".files",
                 fmt::format("lists {} files, but a {} plays one; list one file or use kind = \"one_shot\"",
                             list->size(), source.kind == SoundKind::bed ? "bed" : "loop"));
    }
  }

  // Fields that only some kinds use are errors elsewhere, so a typo in the
  // kind does not silently drop them.
  const auto only_for = [&](std::string_view key, SoundKind kind, std::string_view kind_name) {
    if (const toml::node* node = table.get(key); node != nullptr && source.kind != kind) {
      reader.add(*node, FieldReader::join(prefix, key),
                 fmt::format("applies only to kind = \"{}\"; remove it or change the kind", kind_name));
    }
  };
  only_for("position_m", SoundKind::loop, "loop");
  only_for("reference_distance_m", SoundKind::loop, "loop");
  only_for("region_centre_m", SoundKind::one_shot, "one_shot");
  only_for("region_half_extent_m", SoundKind::one_shot, "one_shot");
  only_for("interval_s", SoundKind::one_shot, "one_shot");
  only_for("gain_range_db", SoundKind::one_shot, "one_shot");

  reader.vector3(table, "position_m", prefix, kPosition, source.position);
  reader.number(table, "reference_distance_m", prefix, kReferenceDistance, source.reference_distance_m);
  reader.vector3(table, "region_centre_m", prefix, kPosition, source.region.centre);
  reader.vector3(table, "region_half_extent_m", prefix, kHalfExtent, source.region.half_extent);
  reader.number_pair(table, "interval_s", prefix, kInterval, source.interval_min_s, source.interval_max_s);
  reader.number_pair(table, "gain_range_db", prefix, kGain, source.gain_min_db, source.gain_max_db);
}

void read_sound(FieldReader& reader, const toml::table& root, Soundscape& sound) {
  const toml::table* table = reader.table(root, "sound", "");
  if (table == nullptr) {
    return;
  }
  reader.check_keys(*table, "sound", {"loudness_target_lufs", "source"});
  reader.number(*table, "loudness_target_lufs", "sound", kLoudnessTarget, sound.loudness_target_lufs);
  const toml::node* node = table->get("source");
  if (node == nullptr) {
    return;
  }
  const auto* list = node->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    reader.add(*node, "sound.source",
               FieldReader::describe(*node) + " is not allowed; write each source as a [[sound.source]] section");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    SoundSource source;
    read_sound_source(reader, *list->get(i)->as_table(), fmt::format("sound.source[{}]", i), source);
    sound.sources.push_back(std::move(source));
  }
}

Scene read_scene(FieldReader& reader, const toml::table& root) {
  Scene scene;
  reader.check_keys(root, "",
                    {"name", "description", "time", "sky", "fog", "water", "terrain", "vegetation", "model", "photo",
                     "viewpoint", "sound", "comfort"});
  reader.text(root, "name", "", scene.name, true);
  reader.text(root, "description", "", scene.description, true);
  read_time(reader, root, scene.time);
  read_sky(reader, root, scene.sky);
  read_fog(reader, root, scene.fog);
  read_water(reader, root, scene.water);
  read_terrain(reader, root, scene.terrain);
  read_vegetation(reader, root, scene.vegetation);
  read_models(reader, root, scene.models);
  read_photo(reader, root, scene.photo);
  read_viewpoint(reader, root, scene.viewpoint);
  read_sound(reader, root, scene.sound);
  read_comfort(reader, root, scene.comfort);
  return scene;
}

}  // namespace

fs::path LoadOptions::default_generated_sounds_folder() {
  if (const char* folder = std::getenv("STILLWATER_GENERATED_SOUNDS"); folder != nullptr && *folder != '\0') {
    return fs::path(folder);
  }
  return fs::path(STILLWATER_DEFAULT_GENERATED_SOUNDS);
}

fs::path LoadOptions::default_generated_assets_folder() {
  if (const char* folder = std::getenv("STILLWATER_GENERATED_ASSETS"); folder != nullptr && *folder != '\0') {
    return fs::path(folder);
  }
  return fs::path(STILLWATER_DEFAULT_GENERATED_ASSETS);
}

CheckResult check_scene_file(const fs::path& file, const LoadOptions& options) {
  CheckResult result;
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    result.problems.push_back(
        Problem{file, 0, 0, "", "cannot open the scene file; check that it exists and can be read"});
    return result;
  }
  std::ostringstream text;
  text << stream.rdbuf();

  toml::table root;
  try {
    root = toml::parse(text.str(), file.string());
  } catch (const toml::parse_error& error) {
    result.problems.push_back(Problem{file, static_cast<int>(error.source().begin.line),
                                      static_cast<int>(error.source().begin.column), "",
                                      fmt::format("not valid TOML: {}", error.description())});
    return result;
  }

  std::error_code error;
  const fs::path absolute = fs::absolute(file, error);
  FieldReader reader(error ? file : absolute.lexically_normal(),
                     GeneratedFolders{options.generated_sounds_folder, options.generated_assets_folder});
  Scene scene = read_scene(reader, root);
  scene.source = reader.file();
  // Problems carry the path as the user gave it, which is what they typed.
  for (Problem& problem : reader.problems()) {
    problem.file = file;
  }
  result.problems = std::move(reader.problems());
  // In file order, as an editor shows them.
  std::stable_sort(result.problems.begin(), result.problems.end(), [](const Problem& a, const Problem& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  if (result.problems.empty()) {
    result.scene = std::move(scene);
  }
  return result;
}

Scene load_scene(const fs::path& file, const LoadOptions& options) {
  CheckResult result = check_scene_file(file, options);
  if (!result.scene) {
    throw SceneError(std::move(result.problems));
  }
  spdlog::info("Loaded scene {} from {}", result.scene->name, result.scene->source.string());
  return std::move(*result.scene);
}

Scene photo_scene(const fs::path& photo) {
  std::error_code error;
  if (!fs::is_regular_file(photo, error)) {
    throw SceneError({Problem{photo, 0, 0, "", "photo not found; check the path"}});
  }
  if (const auto problem = photo_size_problem(photo)) {
    throw SceneError({Problem{photo, 0, 0, "", *problem}});
  }
  Scene scene;
  scene.name = photo.stem().string();
  scene.description = "A 360-degree photo";
  scene.source = fs::absolute(photo, error);
  scene.photo = Photo{scene.source, 0.0F};
  return scene;
}

fs::path scenes_folder() {
  if (const char* folder = std::getenv("STILLWATER_SCENES"); folder != nullptr && *folder != '\0') {
    return fs::path(folder);
  }
  return fs::path(STILLWATER_DEFAULT_SCENES);
}

std::vector<std::string> shipped_scene_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(scenes_folder(), error)) {
    if (entry.path().extension() == ".toml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path find_scene(std::string_view name_or_path) {
  const fs::path given(name_or_path);
  std::error_code error;
  if (fs::is_regular_file(given, error)) {
    return given;
  }
  const fs::path shipped = scenes_folder() / (std::string(name_or_path) + ".toml");
  if (fs::is_regular_file(shipped, error)) {
    return shipped;
  }
  throw SceneError({Problem{given, 0, 0, "",
                            fmt::format("no such scene: tried {} and {}; give a scene file or the name of one in {}",
                                        given.string(), shipped.string(), scenes_folder().string())}});
}

}  // namespace stillwater::scene
