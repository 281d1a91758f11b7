#version 450

// The first calm place: sky with a sun disc above a gently moving sea, soft
// haze towards the horizon, tone mapped to display range. World space is
// right-handed with +y up and -z ahead; the camera sits at the origin and the
// sea plane lies `eye_height` metres below it. Output is linear: the sRGB
// target encodes it, so gamma is applied exactly once. The depth written is
// that of the sea under the ray, or the far plane for the sky.

layout(push_constant) uniform SkyConstants {
    mat4 clip_to_direction;  // inverse(projection * view rotation)
    vec4 sun;                // xyz: unit vector towards the sun; w: angular radius in radians
    vec4 camera;             // x: eye height over the sea in metres; y: time in seconds;
                             // z: exposure multiplier; w: fog density per metre
    vec4 motion;             // x: wave amplitude scale (0 keeps the sea still)
} constants;

layout(location = 0) in vec2 in_ndc;
layout(location = 0) out vec4 out_colour;

const float PI = 3.14159265358979;

// 1 when the sun is at the horizon, 0 from about 30 degrees up: how golden the light is.
float golden_hour() {
    return 1.0 - smoothstep(0.0, 0.5, constants.sun.y);
}

vec3 sun_colour() {
    return mix(vec3(1.0, 0.94, 0.86), vec3(1.0, 0.62, 0.34), golden_hour());
}

// Henyey-Greenstein phase function: the forward-scattered glow around the sun.
float henyey_greenstein(float cos_theta, float g) {
    float g2 = g * g;
    return (1.0 - g2) / (4.0 * PI * pow(1.0 + g2 - 2.0 * g * cos_theta, 1.5));
}

// Diffuse sky radiance in a direction, without the sun disc.
vec3 sky_radiance(vec3 direction) {
    float golden = golden_hour();
    float elevation = clamp(direction.y, 0.0, 1.0);

    vec3 zenith = mix(vec3(0.07, 0.17, 0.45), vec3(0.09, 0.14, 0.36), golden);
    vec3 horizon = mix(vec3(0.55, 0.68, 0.85), vec3(0.95, 0.62, 0.40), golden);
    // Haze thickens sharply near the horizon, as the optical path grows.
    float haze = pow(1.0 - elevation, 8.0);
    vec3 radiance = mix(zenith, horizon, haze);

    float cos_theta = dot(direction, constants.sun.xyz);
    radiance += sun_colour() * (0.30 * henyey_greenstein(cos_theta, 0.82) * (0.25 + haze) +
                                0.05 * henyey_greenstein(cos_theta, 0.35));
    return radiance;
}

// The sun disc with limb darkening and an edge one pixel soft, so it is not
// aliased at any resolution.
vec3 sun_disc(vec3 direction) {
    float angle = acos(clamp(dot(direction, constants.sun.xyz), -1.0, 1.0));
    float radius = constants.sun.w;
    float edge = max(fwidth(angle), 1e-5);
    float coverage = 1.0 - smoothstep(radius - edge, radius + edge, angle);
    float limb = sqrt(max(1.0 - (angle / radius) * (angle / radius), 0.0));
    float above_horizon = smoothstep(-0.002, 0.002, direction.y);
    return sun_colour() * 40.0 * coverage * mix(0.6, 1.0, limb) * above_horizon;
}

// Height field of the sea: a few long, low swells. Returns the slope (dh/dx, dh/dz).
vec2 sea_slope(vec2 position, float time) {
    const vec3 waves[4] = vec3[](
        vec3(0.80, 0.60, 0.045), vec3(-0.35, 0.94, 0.035),
        vec3(0.97, -0.24, 0.025), vec3(0.20, 0.98, 0.020));
    vec2 slope = vec2(0.0);
    float wavelength = 9.0;
    for (int i = 0; i < 4; ++i) {
        vec2 heading = normalize(waves[i].xy);
        float k = 2.0 * PI / wavelength;
        float speed = sqrt(9.81 / k);  // deep-water dispersion
        float phase = k * dot(heading, position) - k * speed * time * 0.5;
        slope += heading * waves[i].z * cos(phase);
        wavelength *= 0.61;
    }
    return slope;
}

vec3 sea_radiance(vec3 direction, out float distance) {
    float eye_height = constants.camera.x;
    distance = eye_height / max(-direction.y, 1e-4);
    vec3 position = direction * distance;

    // Ripples far away are smaller than a pixel; fading them with distance
    // keeps the distant sea from shimmering.
    float detail = exp(-distance / 80.0) * constants.motion.x;
    vec2 slope = sea_slope(position.xz, constants.camera.y) * detail;
    vec3 normal = normalize(vec3(-slope.x, 1.0, -slope.y));

    vec3 reflected = reflect(direction, normal);
    reflected.y = abs(reflected.y);

    float cos_incidence = clamp(dot(-direction, normal), 0.0, 1.0);
    float fresnel = 0.02 + 0.98 * pow(1.0 - cos_incidence, 5.0);

    vec3 body = vec3(0.010, 0.045, 0.060) * (0.4 + 0.6 * max(constants.sun.y, 0.0));
    vec3 reflection = sky_radiance(reflected);

    // A soft glitter path under the sun, wide enough that it does not sparkle.
    float glint = pow(max(dot(reflected, constants.sun.xyz), 0.0), 300.0);
    reflection += sun_colour() * glint * 4.0;

    return mix(body, reflection, fresnel);
}

// Depth of the point `distance` metres along the unit vector `direction`
// from the eye, under the projection that `constants.clip_to_direction` inverts,
// which is the one placed models are drawn with. Unprojecting (ndc, z) moves
// the point along this pixel's ray as z changes; the z that puts it
// `distance` from the eye solves a linear equation, for any near and far
// plane order. Beyond the far plane the depth is clamped to it.
float ray_depth(vec2 ndc, vec3 direction, float distance) {
    vec4 base = constants.clip_to_direction * vec4(ndc, 0.0, 1.0);
    vec4 per_z = constants.clip_to_direction[2];
    float z = (distance * base.w - dot(base.xyz, direction)) / (dot(per_z.xyz, direction) - distance * per_z.w);
    return clamp(z, 0.0, 1.0);
}

// Filmic curve (Narkowicz's fit of ACES): rolls highlights off softly.
vec3 tone_map(vec3 colour) {
    colour *= constants.camera.z;
    return clamp((colour * (2.51 * colour + 0.03)) / (colour * (2.43 * colour + 0.59) + 0.14), 0.0, 1.0);
}

// Interleaved gradient noise: breaks the 8-bit banding of smooth gradients
// while giving the same value for the same pixel every frame.
float dither_noise(vec2 pixel) {
    return fract(52.9829189 * fract(dot(pixel, vec2(0.06711056, 0.00583715))));
}

vec3 to_srgb(vec3 c) {
    return mix(1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, c * 12.92, lessThanEqual(c, vec3(0.0031308)));
}

vec3 to_linear(vec3 c) {
    return mix(pow((c + 0.055) / 1.055, vec3(2.4)), c / 12.92, lessThanEqual(c, vec3(0.04045)));
}

void main() {
    vec4 far_point = constants.clip_to_direction * vec4(in_ndc, 1.0, 1.0);
    vec3 direction = normalize(far_point.xyz / far_point.w);

    vec3 colour;
    if (direction.y >= 0.0) {
        colour = sky_radiance(direction) + sun_disc(direction);
        gl_FragDepth = 1.0;
    } else {
        float distance;
        vec3 sea = sea_radiance(direction, distance);
        gl_FragDepth = ray_depth(in_ndc, direction, distance);
        // Haze towards the horizon, a little darker than the sky just above it
        // so the horizon reads as a line rather than a blur.
        vec3 fog_colour = 0.80 * sky_radiance(normalize(vec3(direction.x, 0.0, direction.z)));
        float fog = 1.0 - exp(-distance * constants.camera.w);
        colour = mix(sea, fog_colour, fog);
    }

    vec3 display = to_srgb(tone_map(colour));
    display += (dither_noise(gl_FragCoord.xy) - 0.5) / 255.0;
    out_colour = vec4(to_linear(clamp(display, 0.0, 1.0)), 1.0);
}
