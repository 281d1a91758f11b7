// The scene's fixed values, laid out as render::SceneUniforms, in set 0,
// binding 0 of every shader that draws or places parts of a scene.
//
// A read-only storage buffer rather than a uniform buffer: Mesa's lavapipe
// (22.3) folds uniform-buffer values that decide branches into the shader and
// compiles it again, without caching the result, whenever push constants
// change. With the time in the push constants, that was a full compile on
// every frame, and about 70 MB more resident memory each time.
layout(set = 0, binding = 0, std430) readonly buffer SceneUniforms {
    vec4 sun;            // xyz: towards the sun; w: disc radius (rad)
    vec4 sky;            // haze, cloud cover, cloud speed (m/s), star brightness
    vec4 light;          // exposure, fog density (1/m), photo shown, photo yaw (rad)
    vec4 water;          // present, level (m), wave height (m)
    vec4 water_colour;
    vec4 terrain;        // present, hill height (m), hill size (m), flat radius (m)
    vec4 shores;         // shore, far shore, stream distance (m), stream width (m)
    vec4 ground_colour;  // w: seed offset
    vec4 shore_colour;
    vec4 trees;          // density, kind (1 conifer), clearing radius (m), grass density
    vec4 plants;         // flower density, wind strength, flower colour count
    vec4 flower_colours[8];
    vec4 viewpoint;
    vec4 contact_shadows[4];  // xy: footprint centre (world x, z; m); zw: half size along its own x, z (m)
    vec4 contact_turns;       // turn of each footprint about +y (rad)
} S;

const float PI = 3.14159265358979;
const float NO_HIT = 1e9;
