#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <span>
#include <vector>

namespace stillwater::audio {

// A single-producer, single-consumer ring of floats. One thread writes and
// one other thread reads. Neither side blocks, locks or allocates after
// construction, so the reading side is safe to call from real-time code.
class SpscRing {
 public:
  explicit SpscRing(std::size_t capacity) : data_(capacity + 1) {}

  // Producer only: copies as much of `in` as fits; returns the count copied.
  std::size_t write(std::span<const float> in) noexcept {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t tail = tail_.load(std::memory_order_acquire);
    const std::size_t count = std::min(in.size(), free_space(head, tail));
    for (std::size_t i = 0; i < count; ++i) {
      data_[(head + i) % data_.size()] = in[i];
    }
    head_.store((head + count) % data_.size(), std::memory_order_release);
    return count;
  }

  // Consumer only: copies up to out.size() values; returns the count copied.
  std::size_t read(std::span<float> out) noexcept {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    const std::size_t head = head_.load(std::memory_order_acquire);
    const std::size_t count = std::min(out.size(), used(head, tail));
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = data_[(tail + i) % data_.size()];
    }
    tail_.store((tail + count) % data_.size(), std::memory_order_release);
    return count;
  }

  // Values ready to read; exact for the consumer, a lower bound for others.
  [[nodiscard]] std::size_t readable() const noexcept {
    return used(head_.load(std::memory_order_acquire), tail_.load(std::memory_order_acquire));
  }

  // Space free for writing; exact for the producer, a lower bound for others.
  [[nodiscard]] std::size_t writable() const noexcept {
    return free_space(head_.load(std::memory_order_acquire), tail_.load(std::memory_order_acquire));
  }

 private:
  [[nodiscard]] std::size_t used(std::size_t head, std::size_t tail) const noexcept {
    return (head + data_.size() - tail) % data_.size();
  }
  [[nodiscard]] std::size_t free_space(std::size_t head, std::size_t tail) const noexcept {
    return data_.size() - 1 - used(head, tail);
  }

  // One slot stays empty so that a full ring differs from an empty one.
  std::vector<float> data_;
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

}  // namespace stillwater::audio
