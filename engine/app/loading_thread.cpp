#include "app/loading_thread.hpp"

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
