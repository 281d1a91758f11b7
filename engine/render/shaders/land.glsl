// The land: height field, water's edge, where trees and flowers grow, and
// the colour of the ground. Shared by the scene pass, which marches rays
// over it, and by the placement of plants, which stand on it. Needs
// scene_data.glsl and noise.glsl included first; the including shader
// defines anim_time() (scene time times the motion scale, seconds) and
// motion_scale().

float anim_time();
float motion_scale();

bool has_land() { return S.terrain.x > 0.5; }
bool has_water() { return S.water.x > 0.5; }
float water_level() { return S.water.y; }
float seed_offset() { return S.ground_colour.w; }

// Trees whose cell centre lies within this many metres of the viewer are
// drawn as swaying geometry by the vegetation pass; farther ones are bumps
// on the height field. Grass grows as geometry out to GRASS_RADIUS_M and
// flowers out to FLOWER_RADIUS_M; both shrink into the painted ground over
// the last PLANT_FADE_M. Must match the constants in vegetation_pass.cpp.
const float NEAR_TREE_RADIUS_M = 60.0;
const float GRASS_RADIUS_M = 8.5;
const float FLOWER_RADIUS_M = 20.0;
const float PLANT_FADE_M = 2.5;

// Distance ahead, with a gentle curve so shorelines are not ruler-straight.
float distance_ahead(vec2 xz) { return -xz.y + 5.0 * sin(xz.x / 41.0 + seed_offset()); }

// 1 where the land has given way to water (between the shores), else 0.
float water_zone(vec2 xz) {
    if (!has_water() || S.shores.x <= 0.0) {
        return 0.0;
    }
    float ahead = distance_ahead(xz);
    float zone = smoothstep(S.shores.x * 0.55, S.shores.x * 1.05 + 4.0, ahead);
    if (S.shores.y > 0.0) {
        zone *= 1.0 - smoothstep(S.shores.y - 20.0, S.shores.y + 60.0, ahead);
    }
    return zone;
}

// Distance across from the middle of the stream, metres; large without one.
float stream_offset(vec2 xz) {
    if (!has_water() || S.shores.z <= 0.0) {
        return NO_HIT;
    }
    float centre = -S.shores.z + 2.5 * sin(xz.x / 11.0 + seed_offset());
    return abs(xz.y - centre);
}

// Ground height without trees, in metres; 0 under the viewer.
float land_height(vec2 xz, int octaves) {
    float r = length(xz);
    vec2 uv = xz / S.terrain.z + seed_offset();
    float hills = S.terrain.y * smoothstep(0.28, 0.85, fbm(uv, octaves));
    float flat_radius = S.terrain.w;
    hills *= smoothstep(flat_radius, flat_radius * 2.5 + 25.0, r);
    // Small bumps nearby, none right under the viewer.
    float bumps = 0.5 * (fbm(xz / 9.0 + seed_offset(), 2) - 0.5) * smoothstep(2.0, 10.0, r);
    float h = hills + bumps;

    float zone = water_zone(xz);
    if (zone > 0.0) {
        // Hills return only on the far shore.
        float far_hills = S.shores.y > 0.0 ? hills * smoothstep(S.shores.y, S.shores.y + 200.0, distance_ahead(xz)) : 0.0;
        h = mix(h, water_level() - 1.5, zone) + far_hills;
    }
    float half_width = S.shores.w * 0.5;
    float channel = 1.0 - smoothstep(half_width, half_width + 2.0, stream_offset(xz));
    h = mix(h, water_level() - 0.5, channel);
    return h;
}

// Density of trees at a place: none in the clearing, none in water.
float tree_cover(vec2 xz) {
    float density = S.trees.x;
    if (density <= 0.0) {
        return 0.0;
    }
    float r = length(xz);
    float clumps = smoothstep(0.25, 0.65, value_noise(xz / 70.0 + seed_offset()) * 0.6 + density * 0.6);
    float away = smoothstep(S.trees.z, S.trees.z + 12.0, r);
    float dry = 1.0 - smoothstep(0.02, 0.3, water_zone(xz));
    dry *= smoothstep(S.shores.w * 0.5 + 2.0, S.shores.w * 0.5 + 5.0, stream_offset(xz));
    return clamp(clumps * density * 1.2, 0.0, 1.0) * away * dry;
}

bool conifers() { return S.trees.y > 0.5; }

// Trees stand at most one to a square cell this many metres wide.
float tree_cell_size() { return conifers() ? 5.0 : 7.5; }

// The tree of one cell, if it has one. `centre` is in cells, `size` scales
// the kind's usual height and crown width (0.75 to 1.25).
struct TreeCell {
    bool present;
    vec2 centre;
    float size;
};

TreeCell tree_in_cell(vec2 cell) {
    TreeCell tree;
    tree.centre = cell + 0.2 + 0.6 * hash22(cell + 31.0);
    tree.present = hash21(cell + 97.0) <= tree_cover(tree.centre * tree_cell_size());
    tree.size = 0.75 + 0.5 * hash21(cell + 5.0);
    return tree;
}

// Height of tree crowns above the ground at a place; `canopy` is 0 on bare
// ground and up to 1 at the top of a crown. Trees of cells whose centre is
// within `skip_radius` metres of the viewer are left out.
float tree_height(vec2 xz, out float canopy, float skip_radius) {
    canopy = 0.0;
    if (S.trees.x <= 0.0) {
        return 0.0;
    }
    bool conifer = conifers();
    float cell_size = tree_cell_size();
    // Crowns lean gently with the breeze.
    float wind = S.plants.y * motion_scale();
    vec2 sway = vec2(1.0, 0.3) * wind * 0.35 * sin(anim_time() * 0.9 + xz.x * 0.05);
    vec2 p = (xz - sway) / cell_size;
    vec2 cell = floor(p);
    float best = 0.0;
    for (int j = -1; j <= 1; ++j) {
        for (int i = -1; i <= 1; ++i) {
            vec2 c = cell + vec2(float(i), float(j));
            TreeCell tree = tree_in_cell(c);
            if (!tree.present || length(tree.centre * cell_size) < skip_radius) {
                continue;
            }
            float radius = 0.55 * tree.size;
            float d = length(p - tree.centre) / radius;
            if (d >= 1.0) {
                continue;
            }
            float height;
            if (conifer) {
                height = cell_size * tree.size * 3.0 * (1.0 - d);
            } else {
                // A tall rounded crown; its skirt meets the ground steeply.
                height = cell_size * tree.size * 1.6 * pow(1.0 - d * d, 0.45);
            }
            // Leafy lumps on the crown, which catch the light.
            height *= 0.82 + 0.18 * value_noise((p - tree.centre) * 3.5 + c * 3.1);
            if (height > best) {
                best = height;
                canopy = 1.0 - d;
            }
        }
    }
    return best;
}

float scene_height(vec2 xz, float distance, out float canopy, float skip_radius) {
    int octaves = distance < 150.0 ? 6 : (distance < 800.0 ? 5 : 4);
    float ground = land_height(xz, octaves);
    float trees = tree_height(xz, canopy, skip_radius);
    return ground + trees;
}

float max_scene_height() { return S.terrain.y + (S.trees.x > 0.0 ? 30.0 : 0.0) + 1.0; }

// Soft shadow towards the sun: 1 in full light. Trees within `skip_radius`
// metres of the viewer cast none.
float sun_shadow(vec3 position, float skip_radius) {
    if (S.sun.y <= 0.0) {
        return 0.0;
    }
    float light = 1.0;
    float t = 0.3;
    float canopy;
    for (int i = 0; i < 20; ++i) {
        vec3 p = position + S.sun.xyz * t;
        if (p.y > max_scene_height()) {
            break;
        }
        float gap = p.y - scene_height(p.xz, 200.0, canopy, skip_radius);
        light = min(light, clamp(8.0 * gap / t, 0.0, 1.0));
        if (light <= 0.01) {
            break;
        }
        t += clamp(gap, 0.4, 12.0);
    }
    return smoothstep(0.0, 1.0, light);
}

// Share of light that reaches the ground at `xz` past the placed models
// standing there, 0 to 1: darkest under a model's footprint, back to full
// light 0.3 m outside it.
float contact_light(vec2 xz) {
    float light = 1.0;
    for (int i = 0; i < 4; ++i) {
        vec4 shadow = S.contact_shadows[i];
        if (shadow.z <= 0.0) {
            continue;
        }
        float turn = S.contact_turns[i];
        vec2 d = xz - shadow.xy;
        vec2 local = vec2(d.x * cos(turn) + d.y * sin(turn), -d.x * sin(turn) + d.y * cos(turn));
        vec2 outside = max(abs(local) - shadow.zw, 0.0);
        light *= 1.0 - 0.45 * (1.0 - smoothstep(0.0, 0.3, length(outside)));
    }
    return light;
}

vec3 flower_colour(vec2 xz) {
    int count = int(S.plants.z);
    if (count <= 0) {
        return vec3(0.0);
    }
    int index = int(hash21(floor(xz / 1.3 + 50.0) + 11.0) * float(count)) % count;
    return S.flower_colours[index].rgb;
}

// How strongly flowers cover the ground at a place, 0 to 1: they grow in
// drifts, none close to the viewer.
float flower_drift(vec2 xz) {
    float flowers = S.plants.x;
    if (flowers <= 0.0) {
        return 0.0;
    }
    float drift = smoothstep(0.75 - 0.6 * flowers, 0.88 - 0.5 * flowers, value_noise(xz / 1.3 + 50.0));
    return drift * smoothstep(S.trees.z * 0.25, S.trees.z * 0.6, length(xz));
}

// Colour of the grass (or bare ground, where there is little grass) before
// lighting, seen from `distance` metres away.
vec3 grass_albedo(vec2 xz, float distance) {
    vec3 ground = S.ground_colour.rgb;
    float grass = S.trees.w;
    // Patches of lighter and darker grass; far away only the broad ones.
    float broad = value_noise(xz / 7.0 + seed_offset());
    float fine = mix(0.5, value_noise(xz / 1.1) * 0.5 + value_noise(xz / 3.0) * 0.5, smoothstep(80.0, 20.0, distance));
    // Blade-sized detail only close by, where it is larger than a pixel.
    float blades = mix(0.5, value_noise(xz * 4.0), smoothstep(10.0, 3.0, distance));
    vec3 grassy = ground * mix(vec3(0.62, 0.72, 0.62), vec3(1.25, 1.18, 0.78), broad * 0.5 + fine * 0.3 + blades * 0.2);
    // Bare ground (sand, soil) gets fine wind ripples close by.
    float ripples = 0.5 + 0.5 * sin(xz.y * 9.0 + 2.0 * value_noise(xz * 0.7));
    ripples = mix(0.5, ripples, smoothstep(14.0, 4.0, distance));
    vec3 bare = ground * (0.85 + 0.1 * fine + 0.1 * ripples + 0.1 * blades);
    vec3 colour = mix(bare, grassy, grass);
    // Real grass is less saturated than a swatch suggests once it is lit.
    return mix(vec3(dot(colour, vec3(0.2126, 0.7152, 0.0722))), colour, 0.8);
}

// Colour of leaves before lighting; `canopy` is 0 at a crown's edge, 1 at
// its top.
vec3 leaf_albedo(vec3 position, vec2 cell, float canopy) {
    vec3 leaf = conifers() ? vec3(0.018, 0.040, 0.022) : vec3(0.040, 0.080, 0.020);
    leaf *= 0.75 + 0.5 * hash21(cell + 3.0);
    leaf = mix(leaf, leaf * vec3(1.3, 1.15, 0.7), value_noise(vec2(position.x + position.z, position.y) * 0.7) * 0.5);
    return leaf * (0.55 + 0.45 * canopy);
}

// Colour of the land's surface before lighting.
vec3 land_albedo(vec3 position, float canopy, float tree_part, float distance) {
    vec2 xz = position.xz;
    if (tree_part > 0.3) {
        return leaf_albedo(position, floor(xz / tree_cell_size()), canopy);
    }
    vec3 colour = grass_albedo(xz, distance);

    // Flowers grow in drifts, so they read as patches of colour at any distance.
    float flowers = S.plants.x;
    if (flowers > 0.0) {
        float drift = flower_drift(xz);
        // Far away, single drifts would alias into streaks: blend towards
        // their average colour instead.
        float near = smoothstep(45.0, 15.0, distance);
        vec3 average = vec3(0.0);
        int count = max(int(S.plants.z), 1);
        for (int i = 0; i < int(S.plants.z); ++i) {
            average += S.flower_colours[i].rgb;
        }
        average /= float(count);
        // Where flowers stand as geometry the ground only hints at them.
        float painted = mix(0.3, 1.0, smoothstep(FLOWER_RADIUS_M - PLANT_FADE_M, FLOWER_RADIUS_M, length(xz)));
        colour = mix(colour, flower_colour(xz) * 0.8, drift * 0.7 * near * painted);
        colour = mix(colour, average * 0.8, flowers * 0.25 * (1.0 - near));
    }

    // Sand or mud along the water.
    if (has_water()) {
        float above = position.y - water_level();
        float shore = 1.0 - smoothstep(0.12, 0.4, above);
        colour = mix(colour, S.shore_colour.rgb, shore);
        // Wet just above the waterline.
        colour *= mix(1.0, 0.6, 1.0 - smoothstep(0.0, 0.15, above));
    }
    return colour;
}
