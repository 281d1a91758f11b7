// What the placement of plants leaves for drawing them, in set 0, binding 1:
// the light of the scene, worked out once with the scene pass's own
// atmosphere, and one record per plant. Laid out as VegetationHeader and
// PlantInstance in vegetation_pass.cpp.

struct PlantInstance {
    vec4 base;    // xyz: where the plant meets the ground (m); w: scale
    vec4 colour;  // rgb: main colour (linear); a: sunlight reaching the plant, 0 to 1
    vec4 second;  // rgb: second colour (stem, root, bark)
    vec4 shape;   // x: turn about +y (rad); y: phase of its sway (rad)
};

layout(set = 0, binding = 1, std430) VEGETATION_ACCESS buffer Vegetation {
    vec4 sunlight;        // rgb: light from the sun on a surface facing it
    vec4 sky_light;       // rgb: light from the sky dome on a surface facing up
    vec4 fog_colours[8];  // fog colour along the horizon, every 45 degrees clockwise from ahead
    uint counts[4];       // plants placed of each kind
    PlantInstance plants[];
} V;

const uint KIND_GRASS = 0u;
const uint KIND_FLOWERS = 1u;
const uint KIND_TREES = 2u;
