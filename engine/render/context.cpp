#include "render/context.hpp"

#include "render/vk_check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace stillwater::render {

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

// Vulkan 1.2 brings the driver properties that the start-up log shows; the
// engine itself needs only 1.1.
constexpr std::uint32_t kInstanceApiVersion = VK_API_VERSION_1_2;
constexpr std::uint32_t kMinimumDeviceApiVersion = VK_API_VERSION_1_1;

bool layer_available(const char* name) {
  std::uint32_t count = 0;
  vk_check(vkEnumerateInstanceLayerProperties(&count, nullptr), "vkEnumerateInstanceLayerProperties");
  std::vector<VkLayerProperties> layers(count);
  vk_check(vkEnumerateInstanceLayerProperties(&count, layers.data()),
           "vkEnumerateInstanceLayerProperties");
  return std::any_of(layers.begin(), layers.end(),
                     [name](const VkLayerProperties& layer) { return std::strcmp(layer.layerName, name) == 0; });
}

bool instance_extension_available(const char* name) {
  std::uint32_t count = 0;
  vk_check(vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr),
           "vkEnumerateInstanceExtensionProperties");
  std::vector<VkExtensionProperties> extensions(count);
  vk_check(vkEnumerateInstanceExtensionProperties(nullptr, &count, extensions.data()),
           "vkEnumerateInstanceExtensionProperties");
  return std::any_of(extensions.begin(), extensions.end(), [name](const VkExtensionProperties& extension) {
    return std::strcmp(extension.extensionName, name) == 0;
  });
}

// Higher is better: a discrete GPU first, then integrated, virtual and
// finally a CPU implementation such as Mesa's lavapipe.
int device_type_rank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return 1;
    default:
      return 0;
  }
}

const char* device_type_name(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return "CPU";
    default:
      return "other";
  }
}

std::optional<std::uint32_t> graphics_queue_family(VkPhysicalDevice device) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (std::uint32_t index = 0; index < count; ++index) {
    if ((families[index].queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0) {
      return index;
    }
  }
  return std::nullopt;
}

}  // namespace

bool validation_enabled_by_default() {
  if (const char* value = std::getenv("STILLWATER_VULKAN_VALIDATION"); value != nullptr) {
    return std::string_view(value) == "1";
  }
#ifdef NDEBUG
  return false;
#else
  return true;
#endif
}

void InstanceDestroyer::operator()(VkInstance instance) const { vkDestroyInstance(instance, nullptr); }

void DeviceDestroyer::operator()(VkDevice device) const {
  // A failure here cannot be acted on during teardown; destroying goes ahead.
  if (const VkResult result = vkDeviceWaitIdle(device); result != VK_SUCCESS) {
    spdlog::warn("vkDeviceWaitIdle before vkDestroyDevice failed with {}", vk_result_name(result));
  }
  vkDestroyDevice(device, nullptr);
}

DebugMessenger::DebugMessenger(VkInstance instance, const VkDebugUtilsMessengerCreateInfoEXT& info)
    : instance_(instance) {
  auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
  if (create == nullptr) {
    throw std::runtime_error("vkGetInstanceProcAddr found no vkCreateDebugUtilsMessengerEXT although "
                             "VK_EXT_debug_utils is enabled");
  }
  vk_check(create(instance, &info, nullptr, &messenger_), "vkCreateDebugUtilsMessengerEXT");
}

DebugMessenger::~DebugMessenger() {
  auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
  if (destroy != nullptr && messenger_ != VK_NULL_HANDLE) {
    destroy(instance_, messenger_, nullptr);
  }
}

Context::Context(ContextOptions options) {
  create_instance(options);
  choose_physical_device(options);
  create_device(options);
  log_device();

  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT | VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = queue_family_;
  VkCommandPool pool = VK_NULL_HANDLE;
  vk_check(vkCreateCommandPool(device(), &pool_info, nullptr, &pool), "vkCreateCommandPool (one-off commands)");
  command_pool_ = UniqueCommandPool(device(), pool);
  set_name(pool, "one-off command pool");

  VkFenceCreateInfo fence_info{};
  fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fence = VK_NULL_HANDLE;
  vk_check(vkCreateFence(device(), &fence_info, nullptr, &fence), "vkCreateFence (one-off commands)");
  fence_ = UniqueFence(device(), fence);
  set_name(fence, "one-off fence");
}

void Context::create_instance(const ContextOptions& options) {
  std::vector<const char*> layers;
  std::vector<const char*> extensions;

  if (options.validation) {
    if (layer_available(kValidationLayer)) {
      layers.push_back(kValidationLayer);
      validation_active_ = true;
    } else if (options.require_validation) {
      throw std::runtime_error(std::string("Vulkan validation was requested but ") + kValidationLayer +
                               " is not installed; install the vulkan-validationlayers package");
    } else {
      spdlog::warn("Vulkan validation requested but {} is not installed; running without it",
                   kValidationLayer);
    }
  }

  const bool debug_utils = instance_extension_available(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  if (debug_utils) {
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  for (const auto& name : options.instance_extensions) {
    if (!instance_extension_available(name.c_str())) {
      throw std::runtime_error("the Vulkan instance extension " + name +
                               " is not available; the display cannot be used with this Vulkan installation");
    }
    extensions.push_back(name.c_str());
  }

  VkApplicationInfo application{};
  application.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  application.pApplicationName = options.application_name.c_str();
  application.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  application.pEngineName = "Stillwater";
  application.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  application.apiVersion = kInstanceApiVersion;

  // Chaining the messenger's description here reports problems raised while
  // the instance itself is created and destroyed.
  VkDebugUtilsMessengerCreateInfoEXT messenger_info = debug_messenger_info(*validation_report_);

  VkInstanceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  info.pNext = (validation_active_ && debug_utils) ? &messenger_info : nullptr;
  info.pApplicationInfo = &application;
  info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();

  VkInstance instance = VK_NULL_HANDLE;
  if (options.create_instance) {
    instance = options.create_instance(info);
  } else {
    vk_check(vkCreateInstance(&info, nullptr, &instance), "vkCreateInstance");
  }
  instance_.reset(instance);

  if (validation_active_ && debug_utils) {
    messenger_ = std::make_unique<DebugMessenger>(instance, messenger_info);
  }
  if (debug_utils) {
    set_object_name_ = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
        vkGetInstanceProcAddr(instance, "vkSetDebugUtilsObjectNameEXT"));
  }
  spdlog::info("Vulkan instance created (validation {})", validation_active_ ? "on" : "off");
}

void Context::choose_physical_device(const ContextOptions& options) {
  if (options.choose_physical_device) {
    physical_device_ = options.choose_physical_device(instance());
  } else {
    std::uint32_t count = 0;
    vk_check(vkEnumeratePhysicalDevices(instance(), &count, nullptr), "vkEnumeratePhysicalDevices");
    std::vector<VkPhysicalDevice> devices(count);
    vk_check(vkEnumeratePhysicalDevices(instance(), &count, devices.data()), "vkEnumeratePhysicalDevices");

    int best_rank = -1;
    for (VkPhysicalDevice device : devices) {
      VkPhysicalDeviceProperties properties{};
      vkGetPhysicalDeviceProperties(device, &properties);
      if (properties.apiVersion < kMinimumDeviceApiVersion || !graphics_queue_family(device)) {
        spdlog::debug("Skipping Vulkan device {}: needs Vulkan 1.1 and a graphics queue",
                      properties.deviceName);
        continue;
      }
      if (const int rank = device_type_rank(properties.deviceType); rank > best_rank) {
        best_rank = rank;
        physical_device_ = device;
      }
    }
  }

  if (physical_device_ == VK_NULL_HANDLE) {
    throw std::runtime_error(
        "no Vulkan device with a graphics queue and Vulkan 1.1 was found; install a Vulkan driver "
        "(for rendering without a GPU, Mesa's lavapipe from the mesa-vulkan-drivers package)");
  }

  const auto family = graphics_queue_family(physical_device_);
  if (!family) {
    throw std::runtime_error("the chosen Vulkan device has no graphics queue");
  }
  queue_family_ = *family;
  vkGetPhysicalDeviceProperties(physical_device_, &properties_);
  vkGetPhysicalDeviceMemoryProperties(physical_device_, &memory_properties_);
}

void Context::create_device(const ContextOptions& options) {
  const float priority = 1.0F;
  VkDeviceQueueCreateInfo queue_info{};
  queue_info.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue_info.queueFamilyIndex = queue_family_;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;

  std::vector<const char*> extensions;
  for (const auto& name : options.device_extensions) {
    extensions.push_back(name.c_str());
  }

  VkDeviceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue_info;
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();

  VkDevice device = VK_NULL_HANDLE;
  if (options.create_device) {
    device = options.create_device(physical_device_, info);
  } else {
    vk_check(vkCreateDevice(physical_device_, &info, nullptr, &device), "vkCreateDevice");
  }
  device_.reset(device);
  vkGetDeviceQueue(device, queue_family_, 0, &queue_);
  set_name(queue_, "graphics queue");
}

void Context::log_device() const {
  std::string driver = "unknown driver";
  if (properties_.apiVersion >= VK_API_VERSION_1_2) {
    VkPhysicalDeviceDriverProperties driver_properties{};
    driver_properties.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES;
    VkPhysicalDeviceProperties2 properties2{};
    properties2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    properties2.pNext = &driver_properties;
    vkGetPhysicalDeviceProperties2(physical_device_, &properties2);
    driver = std::string(driver_properties.driverName) + " " + driver_properties.driverInfo;
  }

  spdlog::info("Vulkan device: {} ({}), driver {}, Vulkan {}.{}.{}", properties_.deviceName,
               device_type_name(properties_.deviceType), driver, VK_API_VERSION_MAJOR(properties_.apiVersion),
               VK_API_VERSION_MINOR(properties_.apiVersion), VK_API_VERSION_PATCH(properties_.apiVersion));
}

std::uint32_t Context::find_memory_type(std::uint32_t type_bits, VkMemoryPropertyFlags properties) const {
  for (std::uint32_t index = 0; index < memory_properties_.memoryTypeCount; ++index) {
    const bool allowed = (type_bits & (1U << index)) != 0;
    const bool suitable = (memory_properties_.memoryTypes[index].propertyFlags & properties) == properties;
    if (allowed && suitable) {
      return index;
    }
  }
  throw std::runtime_error("the Vulkan device offers no memory type with the properties needed (flags " +
                           std::to_string(properties) + ")");
}

void Context::submit_and_wait(const std::function<void(VkCommandBuffer)>& record, std::string_view what) const {
  const std::string context(what);

  VkCommandBufferAllocateInfo allocate_info{};
  allocate_info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  allocate_info.commandPool = command_pool_.get();
  allocate_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate_info.commandBufferCount = 1;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  vk_check(vkAllocateCommandBuffers(device(), &allocate_info, &commands), "vkAllocateCommandBuffers (" + context + ")");

  // The command buffer goes back to the pool on every path out of here.
  struct FreeCommands {
    VkDevice device;
    VkCommandPool pool;
    VkCommandBuffer commands;
    ~FreeCommands() { vkFreeCommandBuffers(device, pool, 1, &commands); }
  } free_commands{device(), command_pool_.get(), commands};
  set_name(commands, context);

  VkCommandBufferBeginInfo begin_info{};
  begin_info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin_info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vk_check(vkBeginCommandBuffer(commands, &begin_info), "vkBeginCommandBuffer (" + context + ")");
  record(commands);
  vk_check(vkEndCommandBuffer(commands), "vkEndCommandBuffer (" + context + ")");

  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commands;
  const VkFence fence = fence_.get();
  vk_check(vkResetFences(device(), 1, &fence), "vkResetFences (" + context + ")");
  vk_check(vkQueueSubmit(queue_, 1, &submit, fence), "vkQueueSubmit (" + context + ")");
  vk_check(vkWaitForFences(device(), 1, &fence, VK_TRUE, UINT64_MAX), "vkWaitForFences (" + context + ")");
}

void Context::set_object_name(VkObjectType type, std::uint64_t handle, const std::string& name) const {
  if (set_object_name_ == nullptr || handle == 0) {
    return;
  }
  VkDebugUtilsObjectNameInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT;
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = name.c_str();
  vk_check(set_object_name_(device(), &info), "vkSetDebugUtilsObjectNameEXT (" + name + ")");
}

}  // namespace stillwater::render
