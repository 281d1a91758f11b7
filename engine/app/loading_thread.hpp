#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

namespace stillwater::app {

// One worker thread that runs loading jobs in the order given, for as long as
// the program shows sessions. The session loop gives it each place to load
// instead of starting a thread per change of place.
class LoadingThread {
 public:
  LoadingThread();
  // Finishes the job under way, drops the ones not started (their futures
  // report a broken promise) and joins the thread.
  ~LoadingThread();

  LoadingThread(const LoadingThread&) = delete;
  LoadingThread& operator=(const LoadingThread&) = delete;

  // Queues `job` and returns the future of its result. An exception the job
  // throws is stored in the future.
  template <typename Job>
  [[nodiscard]] std::future<std::invoke_result_t<Job>> run(Job job) {
    auto task = std::make_shared<std::packaged_task<std::invoke_result_t<Job>()>>(std::move(job));
    auto result = task->get_future();
    post([task] { (*task)(); });
    return result;
  }

 private:
  // Nice value of the loading thread. Linux weighs a thread at nice 10 at
  // about a tenth of one at nice 0, so it gets that share of a core the
  // frame loop's threads also want.
  static constexpr int kNice = 10;

  void post(std::function<void()> job);
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace stillwater::app
