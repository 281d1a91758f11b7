#include "app/loading_thread.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace stillwater::app {

LoadingThread::LoadingThread() : thread_([this] { work(); }) {}

LoadingThread::~LoadingThread() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_one();
  thread_.join();
}

void LoadingThread::post(std::function<void()> job) {
  {
    const std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void LoadingThread::work() {
  // On a software renderer loading competes with the frame loop and the
  // renderer's threads for the same cores. A lower priority keeps frames,
  // the first black one above all, from waiting for a shader compilation.
  // While a place loads the frames are black and cheap, so loading still
  // gets most of the CPU. Linux keeps a nice value per thread.
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice) != 0) {
    spdlog::warn("The loading thread runs at normal priority: setpriority({}) failed: {}", kNice, std::strerror(errno));
  }

  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) {
        return;
      }
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    // A packaged task stores what its job throws in the future.
    job();
  }
}

}  // namespace stillwater::app
