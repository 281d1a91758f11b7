#version 450

// A whole calm place in one full-screen pass. For each pixel the view ray
// leaves the eye, which stands `eye height` metres above the ground at the
// origin; world space is right-handed with +y up and -z ahead, in metres.
// The ray meets land (a height field with trees on it), water (one flat
// plane with small waves) or sky (single-scattering atmosphere with clouds
// and stars). Output is linear; the sRGB target encodes it. The depth
// written is that of the surface the ray meets, or the far plane for the sky
// and the photo, so placed models drawn afterwards hide behind land and water.
//
// Every animation runs on `animation time`, which is the scene time already
// multiplied by the motion scale, and every amplitude is multiplied by the
// motion scale too: at motion level still both are zero and the picture is
// the same at every moment.

layout(push_constant) uniform FrameConstants {
    mat4 clip_to_direction;  // inverse(projection * view rotation)
    vec4 frame;              // x: animation time (s); y: motion scale; z: eye height (m)
} pc;

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
} S;

layout(set = 0, binding = 1) uniform sampler2D photo;

layout(location = 0) in vec2 in_ndc;
layout(location = 0) out vec4 out_colour;

const float PI = 3.14159265358979;
const float NO_HIT = 1e9;

float anim_time() { return pc.frame.x; }
float motion_scale() { return pc.frame.y; }
float eye_height() { return pc.frame.z; }

// ---------------------------------------------------------------- noise

// Integer hashing (PCG-style), so every driver gives the same pattern.
uint hash_u(uvec2 v) {
    v = v * 1664525u + 1013904223u;
    v.x += v.y * 1664525u;
    v.y += v.x * 1664525u;
    v ^= v >> 16u;
    v.x += v.y * 1664525u;
    v.y += v.x * 1664525u;
    v ^= v >> 16u;
    return v.x ^ v.y;
}

float hash21(vec2 cell) {
    return float(hash_u(uvec2(ivec2(cell)))) * (1.0 / 4294967295.0);
}

vec2 hash22(vec2 cell) {
    uint h = hash_u(uvec2(ivec2(cell)));
    return vec2(float(h & 0xffffu), float(h >> 16u)) * (1.0 / 65535.0);
}

float hash31(vec3 cell) {
    ivec3 c = ivec3(cell);
    return float(hash_u(uvec2(c.x * 73 + c.z * 1931, c.y * 389 - c.z * 17))) * (1.0 / 4294967295.0);
}

float value_noise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    vec2 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    float a = hash21(i);
    float b = hash21(i + vec2(1.0, 0.0));
    float c = hash21(i + vec2(0.0, 1.0));
    float d = hash21(i + vec2(1.0, 1.0));
    return mix(mix(a, b, u.x), mix(c, d, u.x), u.y);
}

// Sum of octaves, 0 to about 1; each octave is rotated to hide the grid.
float fbm(vec2 p, int octaves) {
    float sum = 0.0;
    float amplitude = 0.5;
    float total = 0.0;
    for (int i = 0; i < octaves; ++i) {
        sum += amplitude * value_noise(p);
        total += amplitude;
        p = mat2(1.6, 1.2, -1.2, 1.6) * p + vec2(17.1, 9.3);
        amplitude *= 0.5;
    }
    return sum / total;
}

// ---------------------------------------------------------------- atmosphere

const float PLANET_RADIUS = 6371e3;
const float ATMOSPHERE_RADIUS = 6471e3;
const vec3 RAYLEIGH = vec3(5.5e-6, 13.0e-6, 22.4e-6);
const float RAYLEIGH_HEIGHT = 8e3;
const float MIE_HEIGHT = 1.2e3;
const float SUN_INTENSITY = 22.0;

float mie_coefficient() { return 21e-6 * (0.5 + 1.5 * S.sky.x); }

// Distances along a ray to where it enters and leaves a sphere about the
// planet's centre; x > y when it misses.
vec2 sphere_hits(vec3 origin, vec3 direction, float radius) {
    float b = dot(direction, origin);
    float c = dot(origin, origin) - radius * radius;
    float d = b * b - c;
    if (d < 0.0) {
        return vec2(NO_HIT, -NO_HIT);
    }
    float s = sqrt(d);
    return vec2(-b - s, -b + s);
}

vec3 eye_in_planet() { return vec3(0.0, PLANET_RADIUS + 2.0 + eye_height(), 0.0); }

// Light scattered towards the eye along `direction` (single scattering by
// air molecules and haze), without the sun disc.
vec3 atmosphere(vec3 direction) {
    // Ten samples cannot follow a grazing path of a thousand kilometres
    // through dense low air, so the last couple of degrees above the horizon
    // take the colour found just above them.
    direction.y = max(direction.y, 0.035);
    direction = normalize(direction);
    vec3 origin = eye_in_planet();
    vec3 sun = S.sun.xyz;
    vec2 hits = sphere_hits(origin, direction, ATMOSPHERE_RADIUS);
    float length_m = hits.y;
    vec2 ground = sphere_hits(origin, direction, PLANET_RADIUS);
    if (ground.x > 0.0 && ground.x < length_m) {
        length_m = ground.x;
    }
    const int STEPS = 10;
    const int LIGHT_STEPS = 4;
    float step_m = length_m / float(STEPS);
    float mie = mie_coefficient();

    float mu = dot(direction, sun);
    float g = 0.76;
    float phase_r = 3.0 / (16.0 * PI) * (1.0 + mu * mu);
    float phase_m = 3.0 / (8.0 * PI) * ((1.0 - g * g) * (mu * mu + 1.0)) /
                    (pow(1.0 + g * g - 2.0 * mu * g, 1.5) * (2.0 + g * g));

    vec3 total_r = vec3(0.0);
    vec3 total_m = vec3(0.0);
    float depth_r = 0.0;
    float depth_m = 0.0;
    for (int i = 0; i < STEPS; ++i) {
        vec3 position = origin + direction * (step_m * (float(i) + 0.5));
        float height = length(position) - PLANET_RADIUS;
        float density_r = exp(-height / RAYLEIGH_HEIGHT) * step_m;
        float density_m = exp(-height / MIE_HEIGHT) * step_m;
        depth_r += density_r;
        depth_m += density_m;

        // Points in the planet's shadow get no sunlight: this is twilight.
        vec2 blocked = sphere_hits(position, sun, PLANET_RADIUS);
        if (blocked.x > 0.0 && blocked.x < NO_HIT) {
            continue;
        }
        float light_step = sphere_hits(position, sun, ATMOSPHERE_RADIUS).y / float(LIGHT_STEPS);
        float light_r = 0.0;
        float light_m = 0.0;
        for (int j = 0; j < LIGHT_STEPS; ++j) {
            vec3 p = position + sun * (light_step * (float(j) + 0.5));
            float h = max(length(p) - PLANET_RADIUS, 0.0);
            light_r += exp(-h / RAYLEIGH_HEIGHT) * light_step;
            light_m += exp(-h / MIE_HEIGHT) * light_step;
        }
        vec3 attenuation = exp(-(mie * 1.1 * (depth_m + light_m) + RAYLEIGH * (depth_r + light_r)));
        total_r += density_r * attenuation;
        total_m += density_m * attenuation;
    }
    return SUN_INTENSITY * (phase_r * RAYLEIGH * total_r + phase_m * mie * total_m);
}

// Sunlight that reaches the ground, reddened by its path through the air.
vec3 sunlight() {
    vec3 origin = eye_in_planet();
    vec3 sun = S.sun.xyz;
    vec2 ground = sphere_hits(origin, sun, PLANET_RADIUS);
    // Soft fade as the sun sets rather than a cut.
    float above = smoothstep(-0.015, 0.01, sun.y);
    float length_m = sphere_hits(origin, sun, ATMOSPHERE_RADIUS).y;
    const int STEPS = 8;
    float step_m = length_m / float(STEPS);
    float depth_r = 0.0;
    float depth_m = 0.0;
    for (int i = 0; i < STEPS; ++i) {
        vec3 p = origin + sun * (step_m * (float(i) + 0.5));
        float h = max(length(p) - PLANET_RADIUS, 0.0);
        depth_r += exp(-h / RAYLEIGH_HEIGHT) * step_m;
        depth_m += exp(-h / MIE_HEIGHT) * step_m;
    }
    return SUN_INTENSITY * 0.12 * above * exp(-(RAYLEIGH * depth_r + mie_coefficient() * 1.1 * depth_m));
}

// 0 in daylight, 1 once the sun is more than about 10 degrees down.
float night_amount() { return smoothstep(-0.02, -0.17, S.sun.y); }

// Faint blue light of a clear night sky, brightest near the horizon.
vec3 night_sky(vec3 direction) {
    float elevation = max(direction.y, 0.0);
    return mix(vec3(0.030, 0.040, 0.075), vec3(0.008, 0.013, 0.034), sqrt(elevation)) * night_amount();
}

vec3 sun_disc(vec3 direction, vec3 light) {
    float angle = acos(clamp(dot(direction, S.sun.xyz), -1.0, 1.0));
    float radius = S.sun.w;
    float edge = max(fwidth(angle), 1e-5);
    float coverage = 1.0 - smoothstep(radius - edge, radius + edge, angle);
    float limb = sqrt(max(1.0 - (angle / radius) * (angle / radius), 0.0));
    return light * 180.0 * coverage * mix(0.6, 1.0, limb);
}

vec3 stars(vec3 direction) {
    float amount = night_amount() * S.sky.w;
    if (amount <= 0.0 || direction.y <= 0.0) {
        return vec3(0.0);
    }
    // Stars sit in cells of a grid around the eye; each cell holds at most one.
    const float SCALE = 160.0;
    vec3 p = direction * SCALE;
    vec3 cell = floor(p);
    float pixel = max(length(fwidth(direction)), 1e-4);
    vec3 colour = vec3(0.0);
    float chance = hash31(cell);
    if (chance > 0.965) {
        vec3 centre = cell + 0.2 + 0.6 * vec3(hash31(cell + 7.0), hash31(cell + 13.0), hash31(cell + 29.0));
        float angle = length(cross(direction, normalize(centre)));
        // At least a pixel wide, so stars never flicker between pixels.
        float size = max(pixel * 0.8, 0.0006);
        float spot = exp(-angle * angle / (size * size));
        float magnitude = pow(hash31(cell + 41.0), 8.0);
        vec3 tint = mix(vec3(0.75, 0.85, 1.0), vec3(1.0, 0.85, 0.65), hash31(cell + 53.0));
        colour = tint * spot * (0.02 + 1.2 * magnitude);
    }
    // The Milky Way: a faint, mottled band across the sky.
    vec3 band_normal = normalize(vec3(0.35, 0.55, 0.76));
    float band = exp(-pow(dot(direction, band_normal) / 0.16, 2.0));
    vec2 band_uv = vec2(atan(direction.x, -direction.z), direction.y) * 6.0;
    colour += vec3(0.045, 0.048, 0.062) * band * smoothstep(0.3, 0.8, fbm(band_uv, 4));
    // Extinction near the horizon.
    return colour * amount * smoothstep(0.0, 0.12, direction.y);
}

// Cloud layer at a fixed height; returns colour in rgb and cover in a.
vec4 clouds(vec3 direction, vec3 light, vec3 zenith) {
    float cover = S.sky.y;
    if (direction.y <= 0.01 || cover <= 0.0) {
        return vec4(0.0);
    }
    const float HEIGHT = 1500.0;
    float distance = HEIGHT / direction.y;
    vec2 position = direction.xz * distance;
    vec2 drift = vec2(1.0, 0.35) * S.sky.z * anim_time();
    vec2 uv = (position + drift) / 2600.0;
    // Far clouds need fewer octaves, which also keeps them from shimmering.
    int octaves = distance < 6000.0 ? 6 : (distance < 15000.0 ? 5 : 4);
    float density = fbm(uv, octaves);
    float threshold = 0.68 - 0.38 * cover;
    float alpha = smoothstep(threshold, threshold + 0.22, density);
    // Thinner towards the horizon, where the layer is seen edge-on.
    alpha *= smoothstep(0.01, 0.18, direction.y);

    // Brighter on the side facing the sun, with a glow when the sun is behind.
    float towards_sun = fbm(uv + S.sun.xz * 0.03, octaves);
    float lit = clamp(0.55 + (density - towards_sun) * 4.0, 0.25, 1.0);
    float forward = pow(max(dot(direction, S.sun.xyz), 0.0), 8.0);
    vec3 colour = light * (lit * 0.9 + forward * 1.6) + zenith * 1.1 + night_sky(direction) * 1.5;
    return vec4(colour, alpha * 0.95);
}

// ---------------------------------------------------------------- land

bool has_land() { return S.terrain.x > 0.5; }
bool has_water() { return S.water.x > 0.5; }
float water_level() { return S.water.y; }
float seed_offset() { return S.ground_colour.w; }

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
    if (has_water() && S.shores.z > 0.0) {
        float centre = -S.shores.z + 2.5 * sin(xz.x / 11.0 + seed_offset());
        float half_width = S.shores.w * 0.5;
        float channel = 1.0 - smoothstep(half_width, half_width + 2.0, abs(xz.y - centre));
        h = mix(h, water_level() - 0.5, channel);
    }
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
    if (has_water() && S.shores.z > 0.0) {
        float centre = -S.shores.z + 2.5 * sin(xz.x / 11.0 + seed_offset());
        dry *= smoothstep(S.shores.w * 0.5 + 2.0, S.shores.w * 0.5 + 5.0, abs(xz.y - centre));
    }
    return clamp(clumps * density * 1.2, 0.0, 1.0) * away * dry;
}

// Height of tree crowns above the ground at a place; `canopy` is 0 on bare
// ground and up to 1 at the top of a crown.
float tree_height(vec2 xz, out float canopy) {
    canopy = 0.0;
    if (S.trees.x <= 0.0) {
        return 0.0;
    }
    bool conifer = S.trees.y > 0.5;
    float cell_size = conifer ? 5.0 : 7.5;
    // Crowns lean gently with the breeze.
    float wind = S.plants.y * motion_scale();
    vec2 sway = vec2(1.0, 0.3) * wind * 0.35 * sin(anim_time() * 0.9 + xz.x * 0.05);
    vec2 p = (xz - sway) / cell_size;
    vec2 cell = floor(p);
    float best = 0.0;
    for (int j = -1; j <= 1; ++j) {
        for (int i = -1; i <= 1; ++i) {
            vec2 c = cell + vec2(float(i), float(j));
            vec2 jitter = hash22(c + 31.0);
            vec2 centre = c + 0.2 + 0.6 * jitter;
            float present = hash21(c + 97.0);
            if (present > tree_cover(centre * cell_size)) {
                continue;
            }
            float size = 0.75 + 0.5 * hash21(c + 5.0);
            float radius = 0.55 * size;
            float d = length(p - centre) / radius;
            if (d >= 1.0) {
                continue;
            }
            float height;
            if (conifer) {
                height = cell_size * size * 3.0 * (1.0 - d);
            } else {
                // A tall rounded crown; its skirt meets the ground steeply.
                height = cell_size * size * 1.6 * pow(1.0 - d * d, 0.45);
            }
            // Leafy lumps on the crown, which catch the light.
            height *= 0.82 + 0.18 * value_noise((p - centre) * 3.5 + c * 3.1);
            if (height > best) {
                best = height;
                canopy = 1.0 - d;
            }
        }
    }
    return best;
}

float scene_height(vec2 xz, float distance, out float canopy) {
    int octaves = distance < 150.0 ? 6 : (distance < 800.0 ? 5 : 4);
    float ground = land_height(xz, octaves);
    float trees = tree_height(xz, canopy);
    return ground + trees;
}

float max_scene_height() { return S.terrain.y + (S.trees.x > 0.0 ? 30.0 : 0.0) + 1.0; }

// Marches a ray over the height field; returns the distance to the hit or NO_HIT.
float march_land(vec3 origin, vec3 direction, float max_distance, int steps) {
    if (!has_land()) {
        return NO_HIT;
    }
    float top = max_scene_height();
    float t = 0.05;
    float previous_t = t;
    float previous_gap = 1.0;
    float canopy;
    for (int i = 0; i < steps; ++i) {
        vec3 p = origin + direction * t;
        if (t > max_distance || (direction.y >= 0.0 && p.y > top)) {
            return NO_HIT;
        }
        float gap = p.y - scene_height(p.xz, t, canopy);
        if (gap < 0.002 * t) {
            // Refine between the last point above and this one below.
            float a = previous_t;
            float b = t;
            for (int k = 0; k < 5; ++k) {
                float m = 0.5 * (a + b);
                vec3 q = origin + direction * m;
                if (q.y - scene_height(q.xz, m, canopy) < 0.0) {
                    b = m;
                } else {
                    a = m;
                }
            }
            return 0.5 * (a + b);
        }
        previous_t = t;
        previous_gap = gap;
        t += max(gap * 0.45, 0.02 + t * 0.006);
    }
    return NO_HIT;
}

vec3 land_normal(vec2 xz, float distance) {
    float e = max(0.05, distance * 0.004);
    float c;
    float hx = scene_height(xz + vec2(e, 0.0), distance, c) - scene_height(xz - vec2(e, 0.0), distance, c);
    float hz = scene_height(xz + vec2(0.0, e), distance, c) - scene_height(xz - vec2(0.0, e), distance, c);
    return normalize(vec3(-hx, 2.0 * e, -hz));
}

// Soft shadow towards the sun: 1 in full light.
float sun_shadow(vec3 position) {
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
        float gap = p.y - scene_height(p.xz, 200.0, canopy);
        light = min(light, clamp(8.0 * gap / t, 0.0, 1.0));
        if (light <= 0.01) {
            break;
        }
        t += clamp(gap, 0.4, 12.0);
    }
    return smoothstep(0.0, 1.0, light);
}

vec3 flower_colour(vec2 xz) {
    int count = int(S.plants.z);
    if (count <= 0) {
        return vec3(0.0);
    }
    int index = int(hash21(floor(xz / 1.3 + 50.0) + 11.0) * float(count)) % count;
    return S.flower_colours[index].rgb;
}

// Colour of the land's surface before lighting.
vec3 land_albedo(vec3 position, float canopy, float tree_part, float distance) {
    vec2 xz = position.xz;
    if (tree_part > 0.3) {
        bool conifer = S.trees.y > 0.5;
        vec3 leaf = conifer ? vec3(0.018, 0.040, 0.022) : vec3(0.040, 0.080, 0.020);
        float tint = hash21(floor(xz / (conifer ? 5.0 : 7.5)) + 3.0);
        leaf *= 0.75 + 0.5 * tint;
        leaf = mix(leaf, leaf * vec3(1.3, 1.15, 0.7), value_noise(vec2(xz.x + xz.y, position.y) * 0.7) * 0.5);
        return leaf * (0.55 + 0.45 * canopy);
    }
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
    colour = mix(vec3(dot(colour, vec3(0.2126, 0.7152, 0.0722))), colour, 0.8);

    // Flowers grow in drifts, so they read as patches of colour at any distance.
    float flowers = S.plants.x;
    if (flowers > 0.0) {
        float drift = smoothstep(0.75 - 0.6 * flowers, 0.88 - 0.5 * flowers, value_noise(xz / 1.3 + 50.0));
        drift *= smoothstep(S.trees.z * 0.25, S.trees.z * 0.6, length(xz));
        // Far away, single drifts would alias into streaks: blend towards
        // their average colour instead.
        float near = smoothstep(45.0, 15.0, distance);
        vec3 average = vec3(0.0);
        int count = max(int(S.plants.z), 1);
        for (int i = 0; i < int(S.plants.z); ++i) {
            average += S.flower_colours[i].rgb;
        }
        average /= float(count);
        colour = mix(colour, flower_colour(xz) * 0.8, drift * 0.7 * near);
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

vec3 shade_land(vec3 position, float distance, vec3 light, vec3 sky_light) {
    float canopy;
    float trees = tree_height(position.xz, canopy);
    float ground = land_height(position.xz, distance < 150.0 ? 6 : 5);
    float tree_part = trees > 0.0 ? smoothstep(0.2, 1.0, position.y - ground) : 0.0;
    vec3 normal = land_normal(position.xz, distance);
    vec3 albedo = land_albedo(position, canopy, tree_part, distance);

    float shadow = distance < 250.0 ? sun_shadow(position + normal * 0.05) : 1.0;
    float diffuse = max(dot(normal, S.sun.xyz), 0.0);
    // Leaves let light through, which softens the shaded side of a crown.
    float wrap = tree_part > 0.3 ? 0.25 * max(dot(normal, S.sun.xyz) + 0.5, 0.0) : 0.0;
    // Crevices and the bottoms of crowns see less sky.
    float occlusion = mix(1.0, 0.55 + 0.45 * canopy, tree_part);
    vec3 ambient = sky_light * (0.55 + 0.45 * normal.y) * occlusion;
    // Lambertian surfaces return 1/pi of the light that falls on them; 0.6
    // stands in for that and for the sky's share that the dome estimate misses.
    return albedo * 0.6 * (light * (diffuse + wrap) * shadow + ambient);
}

// ---------------------------------------------------------------- water

vec2 wave_slope(vec2 position) {
    const vec3 waves[4] = vec3[](vec3(0.80, 0.60, 1.0), vec3(-0.35, 0.94, 0.8), vec3(0.97, -0.24, 0.55),
                                 vec3(0.20, 0.98, 0.45));
    float amplitude = S.water.z * motion_scale();
    vec2 slope = vec2(0.0);
    float wavelength = 12.0;
    for (int i = 0; i < 4; ++i) {
        vec2 heading = normalize(waves[i].xy);
        float k = 2.0 * PI / wavelength;
        float speed = sqrt(9.81 / k);
        float phase = k * dot(heading, position) - k * speed * anim_time() * 0.5;
        // Slope of a sine wave of height a and wavenumber k is a * k.
        slope += heading * waves[i].z * 0.35 * amplitude * k * cos(phase);
        wavelength *= 0.61;
    }
    return slope;
}

// ---------------------------------------------------------------- output

vec3 tone_map(vec3 colour) {
    colour *= S.light.x;
    return clamp((colour * (2.51 * colour + 0.03)) / (colour * (2.43 * colour + 0.59) + 0.14), 0.0, 1.0);
}

float dither_noise(vec2 pixel) {
    return fract(52.9829189 * fract(dot(pixel, vec2(0.06711056, 0.00583715))));
}

vec3 to_srgb(vec3 c) {
    return mix(1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, c * 12.92, lessThanEqual(c, vec3(0.0031308)));
}

vec3 to_linear(vec3 c) {
    return mix(pow((c + 0.055) / 1.055, vec3(2.4)), c / 12.92, lessThanEqual(c, vec3(0.04045)));
}

vec3 photo_colour(vec3 direction) {
    float longitude = atan(direction.x, -direction.z) + S.light.w;
    float latitude = acos(clamp(direction.y, -1.0, 1.0));
    // Explicit level 0: the seam's jump in longitude would otherwise pick a
    // wrong level of detail for a column of pixels.
    return textureLod(photo, vec2(longitude / (2.0 * PI) + 0.5, latitude / PI), 0.0).rgb;
}

// Sky seen in a direction, with clouds, stars and the sun disc.
vec3 sky_colour(vec3 direction, vec3 light, vec3 zenith, bool with_sun) {
    vec3 colour = atmosphere(direction) + night_sky(direction) + stars(direction);
    if (with_sun) {
        colour += sun_disc(direction, light);
    }
    vec4 cloud = clouds(direction, light, zenith);
    return mix(colour, cloud.rgb, cloud.a);
}

// Haze and fog that the light picks up over `distance` metres.
vec3 apply_fog(vec3 colour, vec3 direction, float distance, vec3 fog_colour) {
    float density = S.light.y + 0.0004 * S.sky.x;
    float fog = 1.0 - exp(-distance * density);
    return mix(colour, fog_colour, fog);
}

// Depth of the point `distance` metres along the unit vector `direction`
// from the eye, under the projection that `pc.clip_to_direction` inverts,
// which is the one placed models are drawn with. Unprojecting (ndc, z) moves
// the point along this pixel's ray as z changes; the z that puts it
// `distance` from the eye solves a linear equation, for any near and far
// plane order. Beyond the far plane the depth is clamped to it.
float ray_depth(vec2 ndc, vec3 direction, float distance) {
    vec4 base = pc.clip_to_direction * vec4(ndc, 0.0, 1.0);
    vec4 per_z = pc.clip_to_direction[2];
    float z = (distance * base.w - dot(base.xyz, direction)) / (dot(per_z.xyz, direction) - distance * per_z.w);
    return clamp(z, 0.0, 1.0);
}

void main() {
    vec4 far_point = pc.clip_to_direction * vec4(in_ndc, 1.0, 1.0);
    vec3 direction = normalize(far_point.xyz / far_point.w);

    if (S.light.z > 0.5) {
        vec3 linear = photo_colour(direction);
        gl_FragDepth = 1.0;
        vec3 display = to_srgb(linear) + (dither_noise(gl_FragCoord.xy) - 0.5) / 255.0;
        out_colour = vec4(to_linear(clamp(display, 0.0, 1.0)), 1.0);
        return;
    }

    vec3 light = sunlight();
    vec3 zenith = atmosphere(vec3(0.0, 1.0, 0.0));
    // Light from the whole sky dome onto a surface facing up: the zenith
    // colour mixed with the brighter horizon.
    // Starlight and airglow are faint; a little more keeps the land readable
    // as soft shapes instead of black.
    vec3 sky_light = zenith * 1.3 + atmosphere(normalize(vec3(S.sun.x, 0.15, S.sun.z))) * 0.35 +
                     vec3(0.20, 0.28, 0.55) * night_amount();
    vec3 fog_colour = atmosphere(normalize(vec3(direction.x, 0.02, direction.z))) * 0.9 +
                      night_sky(vec3(0.0, 0.05, 1.0)) * 1.2;

    vec3 eye = vec3(0.0, eye_height(), 0.0);
    float land_t = march_land(eye, direction, 6000.0, 128);
    float water_t = NO_HIT;
    if (has_water() && direction.y < 0.0) {
        water_t = (eye.y - water_level()) / -direction.y;
    }

    vec3 colour;
    if (land_t < water_t && land_t < NO_HIT) {
        vec3 position = eye + direction * land_t;
        gl_FragDepth = ray_depth(in_ndc, direction, land_t);
        colour = shade_land(position, land_t, light, sky_light);
        colour = apply_fog(colour, direction, land_t, fog_colour);
    } else if (water_t < NO_HIT) {
        vec3 position = eye + direction * water_t;
        gl_FragDepth = ray_depth(in_ndc, direction, water_t);
        // Ripples far away are smaller than a pixel; fading them keeps the
        // distant water from shimmering.
        float detail = exp(-water_t / 60.0);
        vec2 slope = wave_slope(position.xz) * detail;
        vec3 normal = normalize(vec3(-slope.x, 1.0, -slope.y));
        vec3 reflected = reflect(direction, normal);
        reflected.y = abs(reflected.y);

        vec3 reflection;
        float reflected_land = march_land(position + vec3(0.0, 0.02, 0.0), reflected, 3000.0, 48);
        if (reflected_land < NO_HIT) {
            vec3 p = position + reflected * reflected_land;
            reflection = shade_land(p, reflected_land + water_t, light, sky_light);
            reflection = apply_fog(reflection, reflected, reflected_land, fog_colour);
        } else {
            reflection = sky_colour(reflected, light, zenith, false);
            // The sun's reflection: a tight spot on calm water, spread into a
            // glitter path as the waves steepen.
            float glint = pow(max(dot(reflected, S.sun.xyz), 0.0), 2500.0);
            reflection += light * glint * 40.0;
        }

        float cos_incidence = clamp(dot(-direction, normal), 0.0, 1.0);
        float fresnel = 0.02 + 0.98 * pow(1.0 - cos_incidence, 5.0);
        vec3 body = S.water_colour.rgb * (light * max(S.sun.y, 0.0) * 0.5 + sky_light * 0.6);
        // Shallow water shows the sand or stones beneath.
        if (has_land()) {
            float depth = water_level() - land_height(position.xz, 3);
            float shallow = 1.0 - smoothstep(0.0, 1.2, depth);
            body = mix(body, S.shore_colour.rgb * 0.6 * (light * max(S.sun.y, 0.0) + sky_light * 0.5), shallow * 0.7);
        }
        colour = mix(body, reflection, fresnel);
        colour = apply_fog(colour, direction, water_t, fog_colour);
    } else if (direction.y < 0.0) {
        // Below the horizon with nothing hit: a plain ground plane fading into haze.
        float t = eye.y / max(-direction.y, 1e-4);
        gl_FragDepth = ray_depth(in_ndc, direction, t);
        colour = apply_fog(S.ground_colour.rgb * sky_light * 0.5, direction, t, fog_colour);
    } else {
        colour = sky_colour(direction, light, zenith, true);
        gl_FragDepth = 1.0;
    }

    vec3 display = to_srgb(tone_map(colour));
    display += (dither_noise(gl_FragCoord.xy) - 0.5) / 255.0;
    out_colour = vec4(to_linear(clamp(display, 0.0, 1.0)), 1.0);
}
