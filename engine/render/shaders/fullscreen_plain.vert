#version 450

// The viewport-filling triangle for fragment shaders that need no inputs;
// validation flags vertex outputs that no stage reads.
void main() {
    vec2 position = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2)) * 2.0 - 1.0;
    gl_Position = vec4(position, 0.0, 1.0);
}
