// LruCache: hits, the least recently used dropped first, replacement, values outliving eviction,
// and concurrent use (lru_cache.h).
#include "base/lru_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace jixiao {
namespace {

TEST(LruCache, DropsTheLeastRecentlyUsed) {
  LruCache<int> cache(2);
  cache.Put("a", std::make_shared<const int>(1));
  cache.Put("b", std::make_shared<const int>(2));
  ASSERT_NE(cache.Get("a"), nullptr);  // "a" is now the most recent; "b" goes first
  cache.Put("c", std::make_shared<const int>(3));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_EQ(*cache.Get("a"), 1);
  EXPECT_EQ(*cache.Get("c"), 3);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(LruCache, PutReplacesAndRefreshes) {
  LruCache<std::string> cache(2);
  cache.Put("a", std::make_shared<const std::string>("old"));
  cache.Put("b", std::make_shared<const std::string>("b"));
  cache.Put("a", std::make_shared<const std::string>("new"));  // "a" most recent again
  cache.Put("c", std::make_shared<const std::string>("c"));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(*cache.Get("a"), "new");
  EXPECT_EQ(cache.Get("b"), nullptr);
}

TEST(LruCache, AValueInUseOutlivesItsEviction) {
  LruCache<std::string> cache(1);
  cache.Put("a", std::make_shared<const std::string>("kept by its reader"));
  std::shared_ptr<const std::string> held = cache.Get("a");
  cache.Put("b", std::make_shared<const std::string>("b"));
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_EQ(*held, "kept by its reader");
}

TEST(LruCache, ZeroCapacityKeepsOne) {
  LruCache<int> cache(0);
  cache.Put("a", std::make_shared<const int>(1));
  EXPECT_EQ(*cache.Get("a"), 1);
}

TEST(LruCache, ManyThreads) {
  LruCache<int> cache(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string((i * 7 + t) % 40);
        std::shared_ptr<const int> v = cache.Get(key);
        if (v) {
          EXPECT_EQ(std::to_string(*v), key);
        } else {
          cache.Put(key, std::make_shared<const int>(std::stoi(key)));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(cache.size(), 16u);
  EXPECT_EQ(cache.hits() + cache.misses(), 8000u);
}

// A value dropped by Put is freed after the cache's lock is released: here its destructor uses
// the cache (under the lock it would wait for itself).
struct UsesTheCacheWhenFreed {
  LruCache<UsesTheCacheWhenFreed>* cache;
  size_t* seen;
  const bool* armed;  // off while values are made and when the cache itself goes
  ~UsesTheCacheWhenFreed() {
    if (*armed) *seen = cache->size();
  }
};

TEST(LruCache, DroppedValuesAreFreedOutsideTheLock) {
  bool armed = false;
  size_t seen = 99;
  LruCache<UsesTheCacheWhenFreed> cache(1);
  const auto value = [&] {
    armed = false;
    auto v =
        std::make_shared<const UsesTheCacheWhenFreed>(UsesTheCacheWhenFreed{&cache, &seen, &armed});
    armed = true;
    return v;
  };
  cache.Put("a", value());
  cache.Put("b", value());  // evicts "a"
  EXPECT_EQ(seen, 1u);
  seen = 99;
  cache.Put("b", value());  // replaces "b"
  EXPECT_EQ(seen, 1u);
  armed = false;
}

}  // namespace
}  // namespace jixiao
