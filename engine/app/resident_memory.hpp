#pragma once

#include <cstdint>

namespace stillwater::app {

// Returns the peak resident memory of this process so far, in bytes, from
// getrusage's ru_maxrss. Throws std::system_error if getrusage fails.
std::uint64_t peak_resident_bytes();

// Returns the memory this process has resident now, in bytes, from
// /proc/self/statm.
// Throws std::system_error if that file cannot be read.
std::uint64_t resident_bytes();

// Hands the free pages of every heap (malloc arena) back to the system and
// returns how many bytes of resident memory that released. glibc keeps what
// a thread frees in that thread's heap, so memory freed after loading a
// place would otherwise stay resident.
std::int64_t release_free_heap();

// Heap sizes in bytes from glibc's mallinfo2: memory in use by the program,
// and memory the heaps have taken from the system, in use or free.
struct HeapUse {
  std::uint64_t in_use = 0;
  std::uint64_t reserved = 0;
};

// Returns the heap sizes of every malloc arena, blocks mapped on their own
// included.
HeapUse heap_use();

}  // namespace stillwater::app
