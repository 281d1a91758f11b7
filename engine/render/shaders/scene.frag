#version 450

// A whole calm place in one full-screen pass. For each pixel the view ray
// leaves the eye, which stands `eye height` metres above the ground at the
// origin; world space is right-handed with +y up and -z ahead, in metres.
// The ray meets land (a height field with the distant trees on it), water
// (one flat plane with small waves) or sky (single-scattering atmosphere
// with clouds and stars). Plants close by are geometry that the vegetation
// pass draws afterwards. Output is linear; the sRGB target encodes it. The depth
// written is that of the surface the ray meets, or the far plane for the sky
// and the photo, so plants and placed models drawn afterwards hide behind land and water.
//
// Every animation runs on `animation time`, which is the scene time already
// multiplied by the motion scale, and every amplitude is multiplied by the
// motion scale too: at motion level still both are zero and the picture is
// the same at every moment.

layout(push_constant) uniform FrameConstants {
    mat4 clip_to_direction;  // inverse(projection * view rotation)
    vec4 frame;              // x: animation time (s); y: motion scale; z: eye height (m); w: pixel size (rad)
} pc;

#include "scene_data.glsl"

layout(set = 0, binding = 1) uniform sampler2D photo;

layout(location = 0) in vec2 in_ndc;
layout(location = 0) out vec4 out_colour;

float anim_time() { return pc.frame.x; }
float motion_scale() { return pc.frame.y; }
float eye_height() { return pc.frame.z; }

// Angle one pixel spans at the middle of the view. Taken from the projection
// rather than from screen-space derivatives, which lavapipe got wrong along
// a line of pixel quads and so lit a row of specks towards the sun.
float pixel_angle() { return pc.frame.w; }

#include "noise.glsl"
#include "atmosphere.glsl"
#include "land.glsl"

// ---------------------------------------------------------------- sky

vec3 sun_disc(vec3 direction, vec3 light) {
    float angle = acos(clamp(dot(direction, S.sun.xyz), -1.0, 1.0));
    float radius = S.sun.w;
    float edge = max(pixel_angle(), 1e-5);
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
    float pixel = max(pixel_angle(), 1e-4);
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

// Marches a ray over the height field; returns the distance to the hit or
// NO_HIT. Trees within `skip_radius` metres of the viewer are left out.
float march_land(vec3 origin, vec3 direction, float max_distance, int steps, float skip_radius) {
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
        float gap = p.y - scene_height(p.xz, t, canopy, skip_radius);
        if (gap < 0.002 * t) {
            // Refine between the last point above and this one below.
            float a = previous_t;
            float b = t;
            for (int k = 0; k < 5; ++k) {
                float m = 0.5 * (a + b);
                vec3 q = origin + direction * m;
                if (q.y - scene_height(q.xz, m, canopy, skip_radius) < 0.0) {
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

vec3 land_normal(vec2 xz, float distance, float skip_radius) {
    float e = max(0.05, distance * 0.004);
    float c;
    float hx = scene_height(xz + vec2(e, 0.0), distance, c, skip_radius) -
               scene_height(xz - vec2(e, 0.0), distance, c, skip_radius);
    float hz = scene_height(xz + vec2(0.0, e), distance, c, skip_radius) -
               scene_height(xz - vec2(0.0, e), distance, c, skip_radius);
    return normalize(vec3(-hx, 2.0 * e, -hz));
}

// Light the land returns towards the eye at `position`, hit by a ray that
// left out the trees within `skip_radius` metres of the viewer. Every tree
// still casts its shadow.
vec3 shade_land(vec3 position, float distance, vec3 light, vec3 sky_light, float skip_radius) {
    float canopy;
    float trees = tree_height(position.xz, canopy, skip_radius);
    float ground = land_height(position.xz, distance < 150.0 ? 6 : 5);
    float tree_part = trees > 0.0 ? smoothstep(0.2, 1.0, position.y - ground) : 0.0;
    vec3 normal = land_normal(position.xz, distance, skip_radius);
    vec3 albedo = land_albedo(position, canopy, tree_part, distance);

    float shadow = distance < 250.0 ? sun_shadow(position + normal * 0.05, 0.0) : 1.0;
    float diffuse = max(dot(normal, S.sun.xyz), 0.0);
    // Leaves let light through, which softens the shaded side of a crown.
    float wrap = tree_part > 0.3 ? 0.25 * max(dot(normal, S.sun.xyz) + 0.5, 0.0) : 0.0;
    // Crevices and the bottoms of crowns see less sky.
    float occlusion = mix(1.0, 0.55 + 0.45 * canopy, tree_part);
    vec3 ambient = sky_light * (0.55 + 0.45 * normal.y) * occlusion;
    // Lambertian surfaces return 1/pi of the light that falls on them; 0.6
    // stands in for that and for the sky's share that the dome estimate misses.
    // Placed models shade the ground right under them.
    float contact = tree_part > 0.3 ? 1.0 : contact_light(position.xz);
    return albedo * 0.6 * (light * (diffuse + wrap) * shadow + ambient) * contact;
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
    vec3 sky_light = sky_dome_light();
    vec3 fog_colour = fog_colour_towards(direction);

    vec3 eye = vec3(0.0, eye_height(), 0.0);
    // The vegetation pass draws the trees close by; the reflection in water
    // keeps them, as it has no other way to show them.
    float land_t = march_land(eye, direction, 6000.0, 128, NEAR_TREE_RADIUS_M);
    float water_t = NO_HIT;
    if (has_water() && direction.y < 0.0) {
        water_t = (eye.y - water_level()) / -direction.y;
    }

    vec3 colour;
    if (land_t < water_t && land_t < NO_HIT) {
        vec3 position = eye + direction * land_t;
        gl_FragDepth = ray_depth(in_ndc, direction, land_t);
        colour = shade_land(position, land_t, light, sky_light, NEAR_TREE_RADIUS_M);
        colour = apply_fog(colour, land_t, fog_colour);
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
        float reflected_land = march_land(position + vec3(0.0, 0.02, 0.0), reflected, 3000.0, 48, 0.0);
        if (reflected_land < NO_HIT) {
            vec3 p = position + reflected * reflected_land;
            reflection = shade_land(p, reflected_land + water_t, light, sky_light, 0.0);
            reflection = apply_fog(reflection, reflected_land, fog_colour);
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
        colour = apply_fog(colour, water_t, fog_colour);
    } else if (direction.y < 0.0) {
        // Below the horizon with nothing hit: a plain ground plane fading into haze.
        float t = eye.y / max(-direction.y, 1e-4);
        gl_FragDepth = ray_depth(in_ndc, direction, t);
        colour = apply_fog(S.ground_colour.rgb * sky_light * 0.5, t, fog_colour);
    } else {
        colour = sky_colour(direction, light, zenith, true);
        gl_FragDepth = 1.0;
    }

    vec3 display = to_srgb(tone_map(colour));
    display += (dither_noise(gl_FragCoord.xy) - 0.5) / 255.0;
    out_colour = vec4(to_linear(clamp(display, 0.0, 1.0)), 1.0);
}
