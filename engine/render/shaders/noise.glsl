// Hashes and value noise shared by every shader that draws or places parts
// of a scene. The hashes work on integers, so every driver, and the
// placement of plants, sees the same pattern.

// PCG-style integer hash of a 2D cell.
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
