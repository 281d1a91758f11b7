// Single-scattering atmosphere: the sky's colour in a direction, the
// sunlight that reaches the ground and the faint light of a night sky.
// Needs scene_data.glsl included first; the including shader defines
// eye_height(), the eye's height above the ground in metres.

float eye_height();

const float PLANET_RADIUS = 6371e3;
const float ATMOSPHERE_RADIUS = 6471e3;
const vec3 RAYLEIGH = vec3(5.5e-6, 13.0e-6, 22.4e-6);
const float RAYLEIGH_HEIGHT = 8e3;
const float MIE_HEIGHT = 1.2e3;
const float SUN_INTENSITY = 22.0;

float mie_coefficient() { return 21e-6 * (0.5 + 1.5 * S.sky.x); }

// Points are given relative to the ground under the viewer, with the
// planet's centre PLANET_RADIUS below. In single precision the square of a
// distance from the centre is only good to about 4e6 m^2, which is all of
// |p|^2 - r^2 for a point a few tenths of a metre above the ground. Written
// this way, |p|^2 - r^2 never subtracts two large numbers.

// |p|^2 - PLANET_RADIUS^2 for the point `q`.
float beyond_ground(vec3 q) { return dot(q, q) + 2.0 * PLANET_RADIUS * q.y; }

// Height of the point `q` above the planet's surface, metres.
float height_above_ground(vec3 q) {
    return beyond_ground(q) / (length(q + vec3(0.0, PLANET_RADIUS, 0.0)) + PLANET_RADIUS);
}

// Distances along a ray from `q` to where it enters and leaves a sphere of
// `radius` about the planet's centre; x > y when it misses.
vec2 sphere_hits(vec3 q, vec3 direction, float radius) {
    float b = dot(direction, q) + PLANET_RADIUS * direction.y;
    float c = beyond_ground(q) + (PLANET_RADIUS - radius) * (PLANET_RADIUS + radius);
    float d = b * b - c;
    if (d < 0.0) {
        return vec2(NO_HIT, -NO_HIT);
    }
    float s = sqrt(d);
    return vec2(-b - s, -b + s);
}

// The eye, relative to the ground under the viewer.
vec3 eye_above_ground() { return vec3(0.0, 2.0 + eye_height(), 0.0); }

// Light scattered towards the eye along `direction` (single scattering by
// air molecules and haze), without the sun disc.
vec3 atmosphere(vec3 direction) {
    // Ten samples cannot follow a grazing path of a thousand kilometres
    // through dense low air, so the last couple of degrees above the horizon
    // take the colour found just above them.
    direction.y = max(direction.y, 0.035);
    direction = normalize(direction);
    vec3 origin = eye_above_ground();
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
        float height = height_above_ground(position);
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
            float h = max(height_above_ground(p), 0.0);
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
    vec3 origin = eye_above_ground();
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
        float h = max(height_above_ground(p), 0.0);
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

// Light from the whole sky dome onto a surface facing up: the zenith colour
// mixed with the brighter horizon. Starlight and airglow are faint; a little
// more keeps the land readable as soft shapes instead of black.
vec3 sky_dome_light() {
    vec3 zenith = atmosphere(vec3(0.0, 1.0, 0.0));
    return zenith * 1.3 + atmosphere(normalize(vec3(S.sun.x, 0.15, S.sun.z))) * 0.35 +
           vec3(0.20, 0.28, 0.55) * night_amount();
}

// Colour that haze and fog take on when looking along `direction`: the sky
// just above the horizon that way.
vec3 fog_colour_towards(vec3 direction) {
    return atmosphere(normalize(vec3(direction.x, 0.02, direction.z))) * 0.9 + night_sky(vec3(0.0, 0.05, 1.0)) * 1.2;
}

// Haze and fog that the light picks up over `distance` metres.
vec3 apply_fog(vec3 colour, float distance, vec3 fog_colour) {
    float density = S.light.y + 0.0004 * S.sky.x;
    float fog = 1.0 - exp(-distance * density);
    return mix(colour, fog_colour, fog);
}

// Filmic tone curve after the scene's exposure; linear in, linear out.
vec3 tone_map(vec3 colour) {
    colour *= S.light.x;
    return clamp((colour * (2.51 * colour + 0.03)) / (colour * (2.43 * colour + 0.59) + 0.14), 0.0, 1.0);
}
